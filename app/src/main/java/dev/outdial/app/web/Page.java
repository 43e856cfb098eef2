package dev.outdial.app.web;

import java.util.List;

/**
 * One page of a list: the items and, when more follow, the cursor to pass as {@code cursor} for the
 * next page.
 */
public record Page<T>(List<T> items, String nextCursor) {}
