package dev.outdial.app.billing;

public record CheckoutView(String checkoutUrl, String sessionId) {}
