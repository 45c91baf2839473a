package org.barometer.forms.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads and writes a {@link Form} as JSON. */
public final class FormJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FormJson() {}

    /** The form as indented JSON. */
    public static String write(Form form) {
        try {
            return MAPPER.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a form could not be written as JSON", e);
        }
    }

    /** A form from JSON written by {@link #write(Form)}; throws IllegalArgumentException naming the place. */
    public static Form read(String json) {
        try {
            return MAPPER.readValue(json, Form.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a form in JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"), e);
        }
    }
}
