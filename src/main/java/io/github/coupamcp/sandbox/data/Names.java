package io.github.coupamcp.sandbox.data;

/** Word lists the generator draws realistic names from. */
final class Names {
    private Names() {}

    static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
        "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Priya",
        "Wei", "Hiroshi", "Sofia", "Lukas", "Emma", "Oliver", "Amara", "Mateo", "Chloe", "Arjun", "Ingrid"};

    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
        "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Patel",
        "Chen", "Tanaka", "Muller", "Schmidt", "Dubois", "Rossi", "Nguyen", "Kowalski", "Okafor", "Larsen", "Silva"};

    static final String[] SUPPLIER_PREFIX = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Northwind",
        "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware", "Adatum", "Coho", "Lucerne",
        "Blue Yonder", "Alpine", "Summit", "Redwood", "Granite", "Harbor", "Pioneer", "Evergreen", "Silverline",
        "Bluewater", "Ironclad", "Keystone", "Meridian", "Orbit", "Pinnacle", "Quantum", "Riverbend", "Sterling",
        "Trident", "Vertex", "Westfield", "Zenith", "Atlas", "Beacon"};

    static final String[] SUPPLIER_CORE = {"Supplies", "Technologies", "Consulting", "Logistics", "Systems",
        "Services", "Industries", "Partners", "Labs", "Solutions", "Networks", "Facilities"};

    static final String[] CITY_US = {"San Mateo", "Chicago", "Charleston", "Denver", "Seattle", "Boston",
        "Atlanta", "Dallas", "Phoenix", "Portland"};
    static final String[] STATE_US = {"CA", "IL", "SC", "CO", "WA", "MA", "GA", "TX", "AZ", "OR"};
    static final String[] CITY_DE = {"Munich", "Hamburg", "Frankfurt", "Cologne", "Stuttgart"};
    static final String[] CITY_GB = {"Manchester", "Leeds", "Bristol", "Edinburgh", "Birmingham"};
    static final String[] CITY_CA = {"Vancouver", "Montreal", "Calgary", "Ottawa", "Toronto"};
    static final String[] STATE_CA = {"BC", "QC", "AB", "ON", "ON"};
    static final String[] CITY_FR = {"Lyon", "Marseille", "Toulouse", "Nantes", "Lille"};
    static final String[] STREETS = {"Main Street", "Oak Avenue", "Industrial Parkway", "Commerce Drive",
        "Harbor Road", "Market Street", "Technology Way", "Mill Lane", "Station Road", "Park Boulevard"};

    static final String[] MERCHANTS = {"United Airlines", "Delta Air Lines", "Lufthansa", "Marriott", "Hilton",
        "Hyatt", "Uber", "Lyft", "Starbucks", "Chipotle", "Staples", "Amazon", "Hertz", "Avis"};

    static final String[] REQ_TITLES = {"New hire equipment", "Team software renewal", "Quarterly office supplies",
        "Consulting engagement", "Marketing campaign support", "Lab consumables", "Facilities maintenance",
        "Conference booth", "Server room upgrade", "Audit support"};

    static final String[] TRIPS = {"Customer visit", "Sales kickoff", "Partner summit", "Trade show",
        "Team offsite", "Training course", "Quarterly business review"};
}
