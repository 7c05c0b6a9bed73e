package dev.cairn.server.alerts;

/**
 * What an alert is about, with its wire name (the webhook's {@code alert}) and whether an open incident of it repeats
 * while it stays open (a signed-out device is told once: it cannot change until someone signs it in again).
 */
public enum AlertKind {
    NO_BACKUP("no-backup", "no recent backup", true),
    QUOTA_80("quota-80", "storage 80 % full", true),
    QUOTA_100("quota-100", "storage full", true),
    EXPORT_FAILED("export-failed", "a scheduled export failed", true),
    CHECK_DAMAGE("check-damage", "a check found damage", true),
    DEVICE_SIGNED_OUT("device-signed-out", "a device is signed out", false);

    private final String wire;
    private final String title;
    private final boolean repeats;

    AlertKind(String wire, String title, boolean repeats) {
        this.wire = wire;
        this.title = title;
        this.repeats = repeats;
    }

    public String wire() {
        return wire;
    }

    /** A short title for subjects and pages. */
    public String title() {
        return title;
    }

    public boolean repeats() {
        return repeats;
    }

    /** The kind of a wire name; {@code IllegalArgumentException} for an unknown one. */
    public static AlertKind of(String wire) {
        for (AlertKind k : values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown alert kind '" + wire + "'");
    }
}
