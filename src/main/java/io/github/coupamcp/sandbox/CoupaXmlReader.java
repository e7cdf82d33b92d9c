package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.query.BadQueryException;
import io.github.coupamcp.sandbox.query.FieldNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Coupa XML request body ({@code <invoice-header><invoice-number>..</invoice-number>...}) into the same
 * tree a JSON body gives: the root element is dropped, tags become dashed keys, {@code type="array"} (or a
 * plural wrapping its singulars) becomes an array, {@code nil="true"} a null, typed integers and booleans are
 * converted. DTDs and external entities are refused.
 */
final class CoupaXmlReader {
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private CoupaXmlReader() {}

    static ObjectNode read(byte[] body) {
        Element root;
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new BadQueryException("body", "Malformed XML body");
        }
        JsonNode tree = convert(root);
        return tree.isObject() ? (ObjectNode) tree : Json.object();
    }

    private static JsonNode convert(Element element) {
        if ("true".equals(element.getAttribute("nil"))) {
            return Json.object().nullNode();
        }
        List<Element> children = childElements(element);
        if ("array".equals(element.getAttribute("type")) || looksLikeArray(element, children)) {
            ArrayNode array = Json.array();
            children.forEach(child -> array.add(convert(child)));
            return array;
        }
        if (!children.isEmpty()) {
            ObjectNode object = Json.object();
            children.forEach(child -> object.set(FieldNames.dashed(child.getTagName()), convert(child)));
            return object;
        }
        return scalar(element.getTextContent(), element.getAttribute("type"));
    }

    private static boolean looksLikeArray(Element element, List<Element> children) {
        if (children.isEmpty()) {
            return false;
        }
        String item = FieldNames.dashed(children.get(0).getTagName());
        String plural = FieldNames.dashed(element.getTagName());
        return CoupaXmlWriter.singular(plural).equals(item) && !plural.equals(item)
                && children.stream().allMatch(c -> FieldNames.dashed(c.getTagName()).equals(item));
    }

    private static JsonNode scalar(String text, String type) {
        String t = text.trim();
        try {
            return switch (type) {
                case "integer" -> Json.object().numberNode(Long.parseLong(t));
                case "boolean" -> Json.object().booleanNode(Boolean.parseBoolean(t));
                default -> Json.object().stringNode(text);
            };
        } catch (NumberFormatException e) {
            return Json.object().stringNode(text);
        }
    }

    private static List<Element> childElements(Element element) {
        List<Element> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }
}
