package io.github.coupamcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TenantsFileTest {
    private static final String ACME_SECRET = "acme-coupa-secret-value-1";
    private static final String BETA_SECRET = "beta-coupa-secret-value-2";
    private static final String ACME_TOKEN = "acme-static-token-0123456789";
    private static final String FILE_TOKEN = "file-static-token-9876543210";
    private static final Map<String, String> ENV = Map.of("ACME_COUPA_SECRET", ACME_SECRET,
            "BETA_COUPA_SECRET", BETA_SECRET, "ACME_MCP_TOKEN", ACME_TOKEN, "EMPTY", "");
    private static final Set<String> TOOLSETS = Set.of("invoices", "suppliers", "contracts", "core", "all");
    private static final List<String> SECRETS = List.of(ACME_SECRET, BETA_SECRET, ACME_TOKEN, FILE_TOKEN);

    @TempDir
    Path dir;

    private static final String YAML = """
            # which claim names the principal
            principal_claim: client_id
            tenants:
              - name: acme
                principals: [agent-7, "svc-acme"]
                static_tokens:
                  - env: ACME_MCP_TOKEN
                  - file: secrets/acme-mcp-token
                coupa:
                  instance_url: https://acme.coupahost.com/
                  client_id: acme-mcp
                  client_secret: {env: ACME_COUPA_SECRET}
                  scopes: "core.invoice.read core.supplier.read"
                  rate_limit: 10
                  rate_limit_burst: 5
                  connect_timeout: 2s
                  rate_limit_adaptive: false
                toolsets: [invoices, suppliers]
                read_only: true
                enable_writes: false
              - name: beta
                principals: [agent-9]
                coupa:
                  instance_url: https://beta.coupahost.com
                  client_id: beta-mcp
                  client_secret: {env: BETA_COUPA_SECRET}
            """;

    private static final String JSON = """
            {"principal_claim": "client_id",
             "tenants": [
              {"name": "acme", "principals": ["agent-7", "svc-acme"],
               "static_tokens": [{"env": "ACME_MCP_TOKEN"}, {"file": "secrets/acme-mcp-token"}],
               "coupa": {"instance_url": "https://acme.coupahost.com/", "client_id": "acme-mcp",
                         "client_secret": {"env": "ACME_COUPA_SECRET"},
                         "scopes": ["core.invoice.read", "core.supplier.read"],
                         "rate_limit": 10, "rate_limit_burst": 5, "connect_timeout": "2s",
                         "rate_limit_adaptive": false},
               "toolsets": ["invoices", "suppliers"], "read_only": true, "enable_writes": false},
              {"name": "beta", "principals": ["agent-9"],
               "coupa": {"instance_url": "https://beta.coupahost.com", "client_id": "beta-mcp",
                         "client_secret": {"env": "BETA_COUPA_SECRET"}}}
             ]}
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Tenants load(String name, String text) throws IOException {
        writeTokenFile();
        return TenantsFile.load(write(name, text), ENV, TOOLSETS);
    }

    private void writeTokenFile() throws IOException {
        write("secrets/acme-mcp-token", FILE_TOKEN + "\n");
    }

    /** The message of loading this YAML, checked to name the file and to hold no secret. */
    private String failure(String yaml) throws IOException {
        return failure("tenants.yaml", yaml);
    }

    private String failure(String name, String text) throws IOException {
        writeTokenFile();
        Path file = write(name, text);
        ServerConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ServerConfigException.class,
                () -> TenantsFile.load(file, ENV, TOOLSETS));
        assertThat(e.getMessage()).startsWith("Tenants file " + file + ": ");
        assertThat(e.getMessage()).doesNotContain(SECRETS);
        assertThat(e.getMessage()).doesNotContain("jackson", "Exception", "`", "[Source");
        return e.getMessage();
    }

    /** One valid tenant, with {@code extra} lines added to it (indented under the tenant). */
    private static String tenant(String extra) {
        return """
                tenants:
                  - name: acme
                    principals: [agent-7]
                    coupa:
                      instance_url: https://acme.coupahost.com
                      client_id: acme-mcp
                      client_secret: {env: ACME_COUPA_SECRET}
                """ + extra.indent(4);
    }

    @Test
    void yamlFileIsReadWithSecretsResolved() throws IOException {
        Tenants tenants = load("tenants.yaml", YAML);

        assertThat(tenants.principalClaim()).isEqualTo("client_id");
        assertThat(tenants.tenants()).extracting(TenantSpec::name).containsExactly("acme", "beta");
        TenantSpec acme = tenants.named("acme");
        assertThat(acme.principals()).containsExactly("agent-7", "svc-acme");
        assertThat(acme.staticTokens()).containsExactly(ACME_TOKEN, FILE_TOKEN); // the file's newline trimmed
        assertThat(acme.coupaEnv()).containsEntry("COUPA_INSTANCE_URL", "https://acme.coupahost.com/")
                .containsEntry("COUPA_CLIENT_ID", "acme-mcp").containsEntry("COUPA_CLIENT_SECRET", ACME_SECRET)
                .containsEntry("COUPA_RATE_LIMIT", "10").containsEntry("COUPA_RATE_LIMIT_BURST", "5");
        assertThat(acme.toolsets()).containsExactly("invoices", "suppliers");
        assertThat(acme.readOnly()).isTrue();
        assertThat(acme.enableWrites()).isFalse();

        CoupaConfig coupa = acme.coupa().build();
        assertThat(coupa.instanceUrl()).isEqualTo("https://acme.coupahost.com");
        assertThat(coupa.clientSecret()).isEqualTo(ACME_SECRET);
        assertThat(coupa.scopes()).containsExactly("core.invoice.read", "core.supplier.read");
        assertThat(coupa.rateLimitPerSecond()).isEqualTo(10.0);
        assertThat(coupa.rateLimitBurst()).isEqualTo(5);
        assertThat(coupa.rateLimitAdaptive()).isFalse();
        assertThat(coupa.connectTimeout()).hasSeconds(2);

        TenantSpec beta = tenants.named("beta");
        assertThat(beta.staticTokens()).isEmpty();
        assertThat(beta.toolsets()).isEmpty();
        assertThat(beta.readOnly()).isNull();
        assertThat(beta.enableWrites()).isNull();
        // no scopes in the file: the server adds the enabled tools' scopes as defaults
        assertThat(beta.coupa().defaultScopes(Set.of("core.invoice.read")).build().scopes())
                .containsExactly("core.invoice.read");
    }

    @Test
    void jsonFileGivesTheSameTenants() throws IOException {
        Tenants yaml = load("tenants.yml", YAML);
        Tenants json = load("tenants.json", JSON);
        assertThat(json.principalClaim()).isEqualTo(yaml.principalClaim());
        assertThat(json.tenants()).isEqualTo(yaml.tenants());
    }

    @Test
    void principalClaimDefaultsToTheSubject() throws IOException {
        assertThat(load("t.yaml", tenant("")).principalClaim()).isEqualTo("sub");
        assertThat(failure("principal_claim: [sub]\n" + tenant("")))
                .contains("principal_claim must be the name of a token claim");
    }

    @Test
    void lookupByPrincipalAndByStaticToken() throws IOException {
        Tenants tenants = load("tenants.yaml", YAML);
        assertThat(tenants.forPrincipal("svc-acme")).map(TenantSpec::name).hasValue("acme");
        assertThat(tenants.forPrincipal("agent-9")).map(TenantSpec::name).hasValue("beta");
        assertThat(tenants.forPrincipal("agent-8")).isEmpty();
        assertThat(tenants.forPrincipal("AGENT-7")).isEmpty();
        assertThat(tenants.forPrincipal(null)).isEmpty();

        assertThat(tenants.forStaticToken(ACME_TOKEN)).map(TenantSpec::name).hasValue("acme");
        assertThat(tenants.forStaticToken(FILE_TOKEN)).map(TenantSpec::name).hasValue("acme");
        assertThat(tenants.forStaticToken(ACME_TOKEN.substring(1))).isEmpty();
        assertThat(tenants.forStaticToken(ACME_TOKEN + "x")).isEmpty();
        assertThat(tenants.forStaticToken("")).isEmpty();
        assertThat(tenants.forStaticToken(null)).isEmpty();
        // a principal is not a token and a token is not a principal
        assertThat(tenants.forStaticToken("agent-7")).isEmpty();
        assertThat(tenants.forPrincipal(ACME_TOKEN)).isEmpty();

        assertThatThrownBy(() -> tenants.named("gamma")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tenant named 'gamma'").hasMessageContaining("acme");
    }

    @Test
    void tenantsBuiltInCodeRefuseSharedNamesPrincipalsAndTokens() {
        Map<String, String> coupa = Map.of("COUPA_INSTANCE_URL", "https://a.coupahost.com");
        TenantSpec a = new TenantSpec("a", Set.of("p1"), Set.of(ACME_TOKEN), coupa, List.of(), null, null, null, null);
        TenantSpec b = new TenantSpec("b", Set.of("p2"), Set.of(FILE_TOKEN), coupa, List.of(), null, null, null, null);
        assertThat(new Tenants("sub", List.of(a, b)).forStaticToken(FILE_TOKEN)).hasValue(b);
        TenantSpec sameName = new TenantSpec("a", Set.of("p3"), Set.of(), coupa, List.of(), null, null, null, null);
        TenantSpec samePrincipal = new TenantSpec("c", Set.of("p1"), Set.of(), coupa, List.of(), null, null, null, null);
        TenantSpec sameToken = new TenantSpec("d", Set.of(), Set.of(ACME_TOKEN), coupa, List.of(), null, null, null, null);
        assertThatThrownBy(() -> new Tenants("sub", List.of(a, sameName))).hasMessageContaining("two tenants named a");
        assertThatThrownBy(() -> new Tenants("sub", List.of(a, samePrincipal))).hasMessageContaining("principal p1");
        assertThatThrownBy(() -> new Tenants("sub", List.of(a, sameToken)))
                .hasMessageContaining("a static token of tenant d").hasMessageNotContaining(ACME_TOKEN);
    }

    @Test
    void toStringNeverShowsSecretsOrTokens() throws IOException {
        Tenants tenants = load("tenants.yaml", YAML);
        assertThat(tenants.named("acme").toString()).contains("acme", "agent-7", "https://acme.coupahost.com/",
                "acme-mcp", "staticTokens=2").doesNotContain(SECRETS);
        assertThat(tenants.toString()).contains("beta").doesNotContain(SECRETS);
    }

    @Test
    void serverConfigAppliesTheTenantsToolsAndWriteSettings() throws IOException {
        Tenants tenants = load("tenants.yaml", YAML);
        ServerConfig base = ServerConfig.builder().port(9999).enableWrites(true).toolsets(List.of("core"))
                .tools(List.of("get_contract")).excludedTools(List.of("list_suppliers")).dynamicToolsets(true)
                .responseBudget(5000).build();

        ServerConfig acme = tenants.named("acme").serverConfig(base);
        assertThat(acme.toolsets()).containsExactly("invoices", "suppliers");
        assertThat(acme.readOnly()).isTrue();
        assertThat(acme.enableWrites()).isFalse();
        assertThat(acme.port()).isEqualTo(9999);
        assertThat(acme.responseBudget()).isEqualTo(5000);
        assertThat(acme.excludedTools()).containsExactly("list_suppliers");
        // the tenant's toolsets are a ceiling: no tool pinned beyond them, no agent enabling others
        assertThat(acme.tools()).isEmpty();
        assertThat(acme.dynamicToolsets()).isFalse();

        ServerConfig beta = tenants.named("beta").serverConfig(base); // nothing set: the server's
        assertThat(beta.toolsets()).containsExactly("core");
        assertThat(beta.readOnly()).isFalse();
        assertThat(beta.enableWrites()).isTrue();
        assertThat(beta.tools()).containsExactly("get_contract");
        assertThat(beta.dynamicToolsets()).isTrue();
        assertThat(base.toolsets()).containsExactly("core"); // the base is left as it was
    }

    @Test
    void cursorKeyIsDerivedPerTenantFromTheBaseKey() throws IOException {
        Tenants tenants = load("tenants.yaml", YAML);
        ServerConfig base = ServerConfig.builder().cursorKey("base-key").build();

        String acme = tenants.named("acme").serverConfig(base).cursorKey();
        // HMAC-SHA256("base-key", "tenant:acme"), as computed by: printf tenant:acme | openssl dgst -sha256 -hmac base-key
        assertThat(acme).isEqualTo("aa3b4b82eb0aae8a41394a278bed2bc2554f3b34679a8102098c7984aefd79f4");
        assertThat(tenants.named("acme").serverConfig(base).cursorKey()).isEqualTo(acme);
        assertThat(tenants.named("beta").serverConfig(base).cursorKey())
                .isEqualTo("7c4bc8ea2e95f890b527380d36b2623ad3ea719811b11574c63f880fc1e4361e").isNotEqualTo(acme);
        assertThat(tenants.named("acme").serverConfig(ServerConfig.builder().cursorKey("other-key").build())
                .cursorKey()).isNotEqualTo(acme);
        // no base key: none derived, each tenant's tools draw their own random one
        assertThat(tenants.named("acme").serverConfig(ServerConfig.builder().build()).cursorKey()).isNull();
    }

    @Test
    void theFileItselfMustExistBeReadableAndParse() throws IOException {
        assertThat(failure("tenants.txt", tenant(""))).contains("must end in .yaml, .yml or .json");
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> TenantsFile.load(missing, ENV, TOOLSETS)).isInstanceOf(ServerConfigException.class)
                .hasMessage("Tenants file " + missing + ": does not exist; check COUPA_MCP_TENANTS_FILE or "
                        + "--tenants-file");
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertThatThrownBy(() -> TenantsFile.load(folder, ENV, TOOLSETS)).hasMessageContaining("is not a regular file");
        assertThat(failure("")).contains("is empty");
        assertThat(failure("# only a comment\n")).contains("is empty");
        assertThat(failure("empty.json", "  \n")).contains("is empty");
        assertThat(failure("bad.json", "{\"tenants\": [}")).contains("is not valid JSON at line 1");
        assertThat(failure("tenants: [\n  - name: acme\n")).contains("is not valid YAML at line");
        assertThat(failure("- acme\n")).contains("must hold a mapping with the key 'tenants'", "not a list");
        assertThat(failure("principal_claim: sub\n")).contains("needs 'tenants'");
        assertThat(failure("tenants: []\n")).contains("'tenants' must be a non-empty list");
        assertThat(failure("tenants: acme\n")).contains("'tenants' must be a non-empty list");
        assertThat(failure("trailing.json", "{\"tenants\": []} {}"))
                .endsWith("is not valid JSON at line 1, column 17: more content after the end of the document");
        assertThat(failure("bad.json", "{\"tenants\": [}"))
                .endsWith("is not valid JSON at line 1, column 14: Unexpected close marker '}': expected ']'");
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TenantsFile.load(dir.resolve("latin1.yaml"), ENV, TOOLSETS))
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void parserMessagesDoNotEchoTheTextTheyChokedOn() throws IOException {
        // a secret pasted in clear where the syntax breaks must not be repeated by the parser's message
        String yaml = tenant("").replace("{env: ACME_COUPA_SECRET}", ACME_SECRET + ": :" + BETA_SECRET + " [");
        assertThat(failure(yaml)).contains("is not valid YAML");
        String json = "{\"tenants\": [{\"name\": \"acme\", \"coupa\": {\"client_secret\": " + ACME_SECRET + "}}]}";
        assertThat(failure("t.json", json)).contains("is not valid JSON at line 1");
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        assertThat(failure(tenant("read_only: true\nread_only: false"))).contains("is not valid YAML at line 9", "key 'read_only' appears twice");
        assertThat(failure("dup.json", "{\"tenants\": [], \"tenants\": []}"))
                .contains("is not valid JSON at line 1", "key 'tenants' appears twice");
    }

    @Test
    void unknownKeysAreNamedWithTheAllowedOnesAndTheLikelyMeaning() throws IOException {
        assertThat(failure("principal: sub\n" + tenant("")))
                .contains("top level: unknown key 'principal'; allowed: principal_claim, tenants");
        assertThat(failure(tenant("readOnly: true"))).contains("tenants[0] (acme): unknown key 'readOnly' "
                + "(did you mean read_only?); allowed: name, principals, static_tokens, coupa, toolsets, read_only, "
                + "enable_writes");
        assertThat(failure(tenant("").replace("instance_url", "instanceUrl")))
                .contains("tenants[0] (acme): unknown key 'coupa.instanceUrl' (did you mean coupa.instance_url?); "
                        + "allowed in coupa: instance_url, client_id, client_secret, scopes, token_url");
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: acme-mcp\n      COUPA_RATE_LIMIT: 5")))
                .contains("unknown key 'coupa.COUPA_RATE_LIMIT' (did you mean coupa.rate_limit?)");
        assertThat(failure(tenant("").replace("{env: ACME_COUPA_SECRET}", "{environment: ACME_COUPA_SECRET}")))
                .contains("tenants[0] (acme): coupa.client_secret: must be a reference with exactly one key");
    }

    @Test
    void tenantNamesAreRequiredValidAndUnique() throws IOException {
        assertThat(failure(tenant("").replace("- name: acme\n    ", "- "))).contains("tenants[0]: needs a name");
        assertThat(failure(tenant("").replace("name: acme", "name: Acme Corp")))
                .contains("tenants[0]: name 'Acme Corp' is not allowed", "e.g. acme-corp");
        assertThat(failure(tenant("").replace("name: acme", "name: " + "a".repeat(41)))).contains("is not allowed");
        assertThat(failure(tenant("").replace("name: acme", "name: -acme"))).contains("is not allowed");
        assertThat(failure(tenant("").replace("name: acme", "name: 42")))
                .contains("tenants[0]: name must be a string", "not a number");
        assertThat(failure("tenants:\n  - acme\n")).contains("tenants[0]: must be a mapping", "not a string");
        String two = tenant("") + tenant("").replace("tenants:\n", "").replace("agent-7", "agent-8");
        assertThat(failure(two)).contains("tenants[1] (acme): name 'acme' is already used by tenants[0] (acme)");
    }

    @Test
    void aPrincipalOrAStaticTokenBelongsToOneTenant() throws IOException {
        String second = tenant("").replace("tenants:\n", "").replace("name: acme", "name: beta");
        assertThat(failure(tenant("") + second))
                .contains("tenants[1] (beta): principals: 'agent-7' is already a principal of tenants[0] (acme)");

        String tokens = tenant("static_tokens: [{env: ACME_MCP_TOKEN}]")
                + second.replace("agent-7", "agent-8") + "    static_tokens: [{file: secrets/acme-mcp-token},"
                + " {env: ACME_MCP_TOKEN}]\n";
        assertThat(failure(tenant("static_tokens: [{env: ACME_MCP_TOKEN}, {file: secrets/acme-mcp-token}, "
                + "{env: ACME_MCP_TOKEN}]"))).contains("tenants[0] (acme): static_tokens[2] is the same token as an "
                + "earlier one of this tenant");
        assertThat(failure(tokens)).contains("tenants[1] (beta): static_tokens[1] is the same token as "
                + "tenants[0] (acme) static_tokens[0]; a token belongs to one tenant only");
    }

    @Test
    void aTenantMustNameItsCallers() throws IOException {
        assertThat(failure(tenant("").replace("principals: [agent-7]", "principals: []")))
                .contains("tenants[0] (acme): names no caller: give principals");
        assertThat(failure(tenant("").replace("principals: [agent-7]", "principals: agent-7")))
                .contains("tenants[0] (acme): principals must be a list, e.g. principals: [agent-7], not a string");
        assertThat(failure(tenant("").replace("[agent-7]", "[\"\"]")))
                .contains("tenants[0] (acme): principals[0] must be a value of the principal claim, e.g. agent-7, "
                        + "not empty");
        // static tokens alone are enough
        Tenants tokensOnly = load("t.yaml", tenant("static_tokens: [{env: ACME_MCP_TOKEN}]")
                .replace("principals: [agent-7]", "principals: []"));
        assertThat(tokensOnly.named("acme").principals()).isEmpty();
        assertThat(tokensOnly.forStaticToken(ACME_TOKEN)).isPresent();
    }

    @Test
    void coupaConnectionNeedsUrlClientAndSecret() throws IOException {
        String noCoupa = "tenants:\n  - name: acme\n    principals: [agent-7]\n";
        assertThat(failure(noCoupa)).contains("tenants[0] (acme): needs coupa: {instance_url:");
        assertThat(failure(noCoupa + "    coupa: https://acme.coupahost.com\n"))
                .contains("tenants[0] (acme): coupa must be a mapping", "not a string");
        assertThat(failure(tenant("").replace("      instance_url: https://acme.coupahost.com\n", "")))
                .contains("tenants[0] (acme): coupa.instance_url is missing; it is required (e.g. instance_url: "
                        + "https://acme.coupahost.com)");
        assertThat(failure(tenant("").replace("      client_id: acme-mcp\n", "")))
                .contains("tenants[0] (acme): coupa.client_id is missing");
        assertThat(failure(tenant("").replace("      client_secret: {env: ACME_COUPA_SECRET}\n", "")))
                .contains("tenants[0] (acme): coupa.client_secret is missing", "{env: ACME_COUPA_SECRET}");
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: [acme-mcp]")))
                .contains("tenants[0] (acme): coupa.client_id must be a single value", "not a list");
    }

    @Test
    void secretsWrittenInClearAreRefusedWithoutBeingRepeated() throws IOException {
        assertThat(failure(tenant("").replace("{env: ACME_COUPA_SECRET}", ACME_SECRET)))
                .contains("tenants[0] (acme): coupa.client_secret: a plain value is refused (never the secret "
                        + "itself): use {env: NAME}", "{file: PATH}");
        assertThat(failure(tenant("static_tokens: [" + ACME_TOKEN + "]")))
                .contains("tenants[0] (acme): static_tokens[0]: a plain value is refused");
        assertThat(failure(tenant("").replace("{env: ACME_COUPA_SECRET}", "{" + ACME_SECRET + ": x}")))
                .contains("coupa.client_secret: must be a reference with exactly one key: use {env: NAME}");
        assertThat(failure(tenant("").replace("{env: ACME_COUPA_SECRET}",
                "{env: ACME_COUPA_SECRET, file: /run/secrets/x}"))).contains("must be a reference with exactly one key");
        assertThat(failure(tenant("").replace("{env: ACME_COUPA_SECRET}", "{env: \"\"}")))
                .contains("coupa.client_secret: env must name an environment variable");
    }

    @Test
    void referencedSecretsMustExistAndNotBeEmpty() throws IOException {
        assertThat(failure(tenant("").replace("ACME_COUPA_SECRET", "UNSET_SECRET")))
                .contains("tenants[0] (acme): coupa.client_secret: environment variable UNSET_SECRET is not set");
        assertThat(failure(tenant("").replace("ACME_COUPA_SECRET", "EMPTY")))
                .contains("coupa.client_secret: environment variable EMPTY is empty");
        assertThat(failure(tenant("static_tokens: [{file: secrets/none}]")))
                .contains("tenants[0] (acme): static_tokens[0]: secret file " + dir.resolve("secrets/none")
                        + " does not exist");
        write("secrets/blank", "\n");
        assertThat(failure(tenant("static_tokens: [{file: secrets/blank}]"))).contains("secrets/blank is empty");
        assertThat(failure(tenant("static_tokens: [{file: secrets}]"))).contains("is not a regular file");
        write("secrets/short", "too-short\n");
        assertThat(failure(tenant("static_tokens: [{file: secrets/short}]")))
                .contains("static_tokens[0]: the token must be at least 16 characters long");
        write("secrets/huge", "x".repeat(TenantsFile.MAX_SECRET_BYTES + 1));
        assertThat(failure(tenant("static_tokens: [{file: secrets/huge}]"))).contains("is larger than 64 KiB");
    }

    @Test
    void secretFilesAreReadAbsoluteOrRelativeToTheTenantsFile() throws IOException {
        Path absolute = write("elsewhere/coupa-secret", ACME_SECRET + "\r\n");
        write("conf/token", FILE_TOKEN);
        Tenants tenants = load("conf/tenants.yaml", tenant("")
                .replace("{env: ACME_COUPA_SECRET}", "{file: " + absolute + "}")
                .replace("principals: [agent-7]", "principals: [agent-7]\n    static_tokens: [{file: token}]"));
        assertThat(tenants.named("acme").coupaEnv()).containsEntry("COUPA_CLIENT_SECRET", ACME_SECRET);
        assertThat(tenants.named("acme").staticTokens()).containsExactly(FILE_TOKEN);
    }

    @Test
    void coupaSettingsAreValidatedAsTheServerDoesAndNamedAsInTheFile() throws IOException {
        assertThat(failure(tenant("").replace("https://acme.coupahost.com", "http://acme.coupahost.com")))
                .contains("tenants[0] (acme): plain http refused for instance URL (coupa.instance_url)");
        assertThat(failure(tenant("").replace("https://acme.coupahost.com", "https://acme.coupahost.com/api")))
                .contains("tenants[0] (acme): coupa.instance_url must be the instance root");
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: acme-mcp\n      rate_limit: 0")))
                .contains("tenants[0] (acme): rate limit (coupa.rate_limit) must be > 0");
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: acme-mcp\n      read_timeout: soon")))
                .contains("tenants[0] (acme): coupa.read_timeout is not a duration: 'soon'");
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: acme-mcp\n      scopes: [\"\"]")))
                .contains("coupa.scopes[0] must be a scope name");
        // a secret never shows up even when a setting next to it is wrong
        assertThat(failure(tenant("").replace("client_id: acme-mcp", "client_id: acme-mcp\n      max_attempts: 99")))
                .contains("max attempts (coupa.max_attempts) must be 1..20");
    }

    @Test
    void toolsetsMustBeKnownAndNonEmpty() throws IOException {
        assertThat(failure(tenant("toolsets: [invoices, invoice]")))
                .contains("tenants[0] (acme): toolsets[1]: 'invoice' is not a toolset (did you mean invoices?); "
                        + "known: all, contracts, core, invoices, suppliers");
        assertThat(failure(tenant("toolsets: []"))).contains("toolsets must be a non-empty list");
        assertThat(failure(tenant("toolsets: invoices"))).contains("toolsets must be a non-empty list");
        assertThat(failure(tenant("toolsets: [{invoices: true}]"))).contains("toolsets[0]: a mapping is not a toolset");
        assertThat(load("t.yaml", tenant("toolsets: [core, contracts]")).named("acme").toolsets())
                .containsExactly("core", "contracts");
    }

    @Test
    void readOnlyAndWritesAreBooleans() throws IOException {
        assertThat(failure(tenant("read_only: yes")))
                .contains("tenants[0] (acme): read_only must be true or false (no quotes)");
        assertThat(failure(tenant("enable_writes: \"true\""))).contains("enable_writes must be true or false");
    }

    @Test
    void maxSessionsIsAPositiveWholeNumberOrLeftOut() throws IOException {
        assertThat(load("t.yaml", tenant("max_sessions: 40")).named("acme").maxSessions()).isEqualTo(40);
        assertThat(load("t.yaml", tenant("")).named("acme").maxSessions()).isNull();
        for (String bad : List.of("0", "-3", "2.5", "\"40\"", "99999999999")) {
            assertThat(failure(tenant("max_sessions: " + bad))).as(bad)
                    .contains("tenants[0] (acme): max_sessions must be a whole number of at least 1");
            assertThat(failure(tenant("max_concurrent_calls: " + bad))).as(bad)
                    .contains("tenants[0] (acme): max_concurrent_calls must be a whole number of at least 1");
        }
        assertThat(load("t.yaml", tenant("max_concurrent_calls: 8")).named("acme").maxConcurrentCalls()).isEqualTo(8);
    }

    @Test
    void writesWithReadOnlyAreAllowedButWarned() throws IOException {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(TenantsFile.class);
        appender.start();
        logger.addAppender(appender);
        try {
            Tenants tenants = load("t.yaml", tenant("read_only: true\nenable_writes: true"));
            assertThat(tenants.named("acme").serverConfig(ServerConfig.builder().build()).readOnly()).isTrue();
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .contains("tenants[0] (acme) sets both read_only and enable_writes: read_only wins");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
