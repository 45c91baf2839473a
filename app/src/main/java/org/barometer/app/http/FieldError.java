package org.barometer.app.http;

/**
 * A problem with one form field, for the error summary (which links to the field by its id) and the message
 * beside the field.
 *
 * @param field      the field's id
 * @param messageKey the message key explaining the problem
 * @param args       arguments of the message
 */
public record FieldError(String field, String messageKey, Object... args) {}
