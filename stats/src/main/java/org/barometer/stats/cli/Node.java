package org.barometer.stats.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON value together with its path in the spec, so that every complaint names the place. Only the
 * shapes the spec uses are offered: objects with a fixed set of keys, strings, lists of strings, numbers,
 * booleans and objects mapping category labels to numbers.
 */
record Node(JsonNode json, String path) {

    /** The child path {@code path.key} (or {@code key} at the top). */
    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    SpecException error(String message) {
        return new SpecException(path, message);
    }

    /** Requires an object whose keys are all in {@code allowed}. */
    Node requireObject(Set<String> allowed) {
        if (!json.isObject()) throw error("expected an object, found " + describe(json));
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            String k = property.getKey();
            if (!allowed.contains(k)) {
                throw new SpecException(keyPath(k), "unknown key; expected one of " + String.join(", ",
                        new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    Node get(String key) {
        return new Node(json.get(key), keyPath(key));
    }

    Node required(String key) {
        if (!has(key)) throw error("missing required key '" + key + "'");
        return get(key);
    }

    String text() {
        if (!json.isTextual()) throw error("expected a string, found " + describe(json));
        if (json.asText().isEmpty()) throw error("expected a non-empty string");
        return json.asText();
    }

    String optText(String key, String fallback) {
        return has(key) ? get(key).text() : fallback;
    }

    /** A string or a list of strings, as a list; at least one element. */
    List<String> textList() {
        if (json.isTextual()) return List.of(text());
        if (!json.isArray()) throw error("expected a string or a list of strings, found " + describe(json));
        if (json.isEmpty()) throw error("expected at least one name, found an empty list");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) out.add(element(i).text());
        return List.copyOf(out);
    }

    Node element(int i) {
        return new Node(json.get(i), path + "[" + i + "]");
    }

    List<Node> elements() {
        if (!json.isArray()) throw error("expected a list, found " + describe(json));
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) out.add(element(i));
        return out;
    }

    double number() {
        if (!json.isNumber()) throw error("expected a number, found " + describe(json));
        double v = json.asDouble();
        if (!Double.isFinite(v)) throw error("expected a finite number");
        return v;
    }

    double optNumber(String key, double fallback) {
        return has(key) ? get(key).number() : fallback;
    }

    int integer() {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw error("expected a whole number, found " + describe(json));
        }
        return json.asInt();
    }

    boolean bool() {
        if (!json.isBoolean()) throw error("expected true or false, found " + describe(json));
        return json.asBoolean();
    }

    boolean optBool(String key, boolean fallback) {
        return has(key) ? get(key).bool() : fallback;
    }

    /** An object mapping names (category labels, model columns) to numbers, in the order written. */
    Map<String, Double> numberMap() {
        if (!json.isObject()) throw error("expected an object of numbers, found " + describe(json));
        if (json.isEmpty()) throw error("expected at least one entry, found an empty object");
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            out.put(e.getKey(), new Node(e.getValue(), keyPath(e.getKey())).number());
        }
        return out;
    }

    /** One of the given words (case-sensitive), with the list of choices in the message otherwise. */
    String choice(String what, List<String> choices) {
        String v = text();
        if (!choices.contains(v)) {
            throw error("unknown " + what + " '" + v + "'; expected one of " + String.join(", ", choices));
        }
        return v;
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isTextual()) return "the string \"" + n.asText() + "\"";
        if (n.isNumber()) return "the number " + n.asText();
        if (n.isBoolean()) return n.asText();
        if (n.isArray()) return "a list";
        if (n.isObject()) return "an object";
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
