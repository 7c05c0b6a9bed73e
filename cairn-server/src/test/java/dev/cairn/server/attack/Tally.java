package dev.cairn.server.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an attack run tried and how it ended: per attack class, how many were tried and refused correctly, and each
 * failure in words. {@link #summary} is the line the reliability suite reads (also appended to the file named by the
 * system property {@code cairn.attack.report}, when set).
 */
public final class Tally {
    private final Map<String, int[]> byClass = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int routes;

    public void route() {
        routes++;
    }

    /** One attack of {@code kind}: refused correctly, or a failure described by {@code what}. */
    public void attack(String kind, boolean refused, String what) {
        int[] n = byClass.computeIfAbsent(kind, k -> new int[2]);
        n[0]++;
        if (refused) {
            n[1]++;
        } else if (failures.size() < 200) {
            failures.add(kind + ": " + what);
        } else {
            failures.set(199, "... and more");
        }
    }

    /** A failure that is no single attack (a route without a plan, the victim's data changed). */
    public void failure(String what) {
        failures.add(what);
    }

    public List<String> failures() {
        return failures;
    }

    public int routes() {
        return routes;
    }

    public int tried() {
        return byClass.values().stream().mapToInt(n -> n[0]).sum();
    }

    public int refused() {
        return byClass.values().stream().mapToInt(n -> n[1]).sum();
    }

    public String summary(String suite) {
        StringBuilder classes = new StringBuilder();
        byClass.forEach((k, n) -> classes.append(' ').append(k).append('=').append(n[1]).append('/').append(n[0]));
        return "ATTACK " + suite + " routes=" + routes + " tried=" + tried() + " refused=" + refused() + " failed="
                + failures.size() + classes;
    }

    public void report(String suite) throws IOException {
        String line = summary(suite);
        System.out.println(line);
        String file = System.getProperty("cairn.attack.report");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
