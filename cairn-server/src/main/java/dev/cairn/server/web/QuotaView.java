package dev.cairn.server.web;

/**
 * The quota bar's model: bytes in use (stored plus reserved by uploads in flight) and the quota, null when unlimited.
 * {@link #percent()} is capped at 100 so the bar never overflows; the text shows the real numbers.
 */
public record QuotaView(long usedBytes, Long quotaBytes) {

    public boolean limited() {
        return quotaBytes != null;
    }

    /** Whole percent of the quota in use, 0-100; 0 when unlimited; 100 for a zero quota. */
    public int percent() {
        if (quotaBytes == null) {
            return 0;
        }
        if (quotaBytes <= 0) {
            return 100;
        }
        return (int) Math.min(100, Math.floor(usedBytes * 100.0 / quotaBytes));
    }

    /** At or past the quota: further uploads are refused. */
    public boolean full() {
        return quotaBytes != null && usedBytes >= quotaBytes;
    }

    /** At least 90 % used (but not yet full). */
    public boolean nearlyFull() {
        return quotaBytes != null && !full() && percent() >= 90;
    }

    public String usedText() {
        return Format.bytes(usedBytes);
    }

    public String quotaText() {
        return quotaBytes == null ? "unlimited" : Format.bytes(quotaBytes);
    }
}
