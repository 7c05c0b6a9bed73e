package dev.cairn.protocol;

/** {@code POST /api/v1/device/token}: the device code from {@link DeviceAuthorization}. */
public record DeviceTokenRequest(String deviceCode) {
}
