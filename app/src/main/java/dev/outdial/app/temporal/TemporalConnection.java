package dev.outdial.app.temporal;

/**
 * Where the app's Temporal client points.
 *
 * @param target host:port of the frontend
 * @param namespace the namespace of our workflows
 * @param embedded whether the frontend is the in-process test server
 */
public record TemporalConnection(String target, String namespace, boolean embedded) {}
