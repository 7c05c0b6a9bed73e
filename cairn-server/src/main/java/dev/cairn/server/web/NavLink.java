package dev.cairn.server.web;

/**
 * An entry of the main navigation of signed-in pages: a stable {@code key} (what a page names as current), the label
 * people read, the target, and whether only administrators see it. Features add their own ({@code Feature}).
 */
public record NavLink(String key, String label, String href, boolean adminOnly) {
}
