package dev.cairn.protocol;

/** {@code POST /api/v1/devices}: the scripted sign-in of a device; {@code scope} defaults to {@code append}. */
public record DeviceRequest(String name, TokenScope scope) {
}
