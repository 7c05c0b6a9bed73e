package dev.cairn.protocol;

/** {@code POST /api/v1/device/authorize}: the name the device will be listed under (optional, default {@code device}). */
public record DeviceAuthorizationRequest(String deviceName) {
}
