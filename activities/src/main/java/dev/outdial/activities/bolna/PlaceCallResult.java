package dev.outdial.activities.bolna;

/** Bolna's answer to {@code POST /call}. */
public record PlaceCallResult(String executionId, String status, String message) {}
