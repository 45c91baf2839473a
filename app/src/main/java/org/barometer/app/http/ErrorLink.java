package org.barometer.app.http;

/**
 * One line of a page's error summary: what is wrong, linking to the field or the place that shows it.
 *
 * @param target where the line links to: {@code #field-id} on the page, or another page's address
 * @param text   what is wrong, in the page's language
 */
public record ErrorLink(String target, String text) {
}
