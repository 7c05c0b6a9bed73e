package dev.cairn.engine.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * restic's own known answers for its forget policy (vectors/restic-policy: its 97 test snapshots and the golden file of
 * each of its 40 policies): the kept snapshots in order, and for each the reasons and the counts left.
 */
class ForgetPolicyTest {
    private static final String DIR = "/vectors/restic-policy/";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** restic's test policies, in the order of its golden files. */
    static List<RetentionPolicy> policies() {
        RetentionPolicy n = RetentionPolicy.NONE;
        RetentionDuration z = RetentionDuration.ZERO;
        RetentionDuration long1 = d("1y2m3d3h");
        List<RetentionPolicy> p = new ArrayList<>(List.of(n, counts(10, 0, 0, 0, 0, 0), counts(15, 0, 0, 0, 0, 0),
                counts(99, 0, 0, 0, 0, 0), counts(200, 0, 0, 0, 0, 0), counts(0, 20, 0, 0, 0, 0), counts(0, 0, 3, 0, 0, 0),
                counts(0, 0, 10, 0, 0, 0), counts(0, 0, 30, 0, 0, 0), counts(5, 0, 5, 0, 0, 0), counts(2, 0, 10, 0, 0, 0),
                counts(0, 0, 0, 2, 0, 0), counts(0, 0, 0, 4, 0, 0), counts(0, 0, 3, 4, 0, 0), counts(0, 0, 0, 0, 6, 0),
                counts(0, 0, 2, 2, 6, 0), counts(0, 0, 0, 0, 0, 10), counts(0, 0, 7, 2, 3, 10),
                n.withKeepTags(List.of(List.of("foo"))), n.withKeepTags(List.of(List.of("foo", "bar"))),
                n.withKeepTags(List.of(List.of("foo"), List.of("bar")))));
        for (String w : List.of("1d", "2d", "7d", "1m", "1m14d", "1y1d1m", "13d23h", "2m2h", "1y2m3d3h")) {
            p.add(n.withWithin(d(w), z, z, z, z, z));
        }
        p.add(n.withWithin(z, long1, z, z, z, z));
        p.add(n.withWithin(z, z, long1, z, z, z));
        p.add(n.withWithin(z, z, z, long1, z, z));
        p.add(n.withWithin(z, z, z, z, long1, z));
        p.add(n.withWithin(z, z, z, z, z, long1));
        p.add(n.withWithin(d("1h"), d("1d"), d("7d"), d("1m"), d("1y"), d("9999y")));
        p.add(counts(-1, 0, 0, 0, 0, 0));
        p.add(counts(-1, -1, 0, 0, 0, 0));
        p.add(counts(0, -1, 0, 0, 0, 0));
        p.add(counts(0, 0, 3, 2, -1, -1));
        return p;
    }

    static List<Integer> cases() {
        return java.util.stream.IntStream.range(0, policies().size()).boxed().toList();
    }

    @ParameterizedTest(name = "policy_keep_snapshots_{0}")
    @MethodSource("cases")
    void keepsWhatResticKeeps(int n) throws IOException {
        JsonNode golden = new ObjectMapper().readTree(resource("policy_keep_snapshots_" + n));
        SnapshotPolicy.Outcome outcome = SnapshotPolicy.apply(snapshots(), policies().get(n), ZoneOffset.UTC, NOW);

        List<String> expected = new ArrayList<>();
        golden.path("keep").forEach(s -> expected.add(describe(s)));
        assertThat(outcome.keep().stream().map(k -> describe(k.snapshot())).toList()).as("kept").isEqualTo(expected);
        assertThat(outcome.keep().size() + outcome.remove().size()).isEqualTo(snapshots().size());
        JsonNode reasons = golden.path("reasons");
        for (int i = 0; i < reasons.size(); i++) {
            JsonNode r = reasons.get(i);
            SnapshotPolicy.Kept kept = outcome.keep().get(i);
            List<String> matches = new ArrayList<>();
            r.path("matches").forEach(m -> matches.add(m.asText()));
            assertThat(kept.reasons()).as("reasons of %s", describe(kept.snapshot())).isEqualTo(matches);
            JsonNode c = r.path("counters");
            List<Integer> counters = Arrays.stream(new String[] {"last", "hourly", "daily", "weekly", "monthly", "yearly"})
                    .map(k -> c.path(k).asInt(0)).toList();
            assertThat(kept.countsLeft()).as("counts left after %s", describe(kept.snapshot())).isEqualTo(counters);
        }
    }

    @Test
    void durationsParseAndSubtractAsResticDoes() {
        assertThat(d("1y2m3d4h")).isEqualTo(new RetentionDuration(1, 2, 3, 4));
        assertThat(d("30d").toString()).isEqualTo("30d");
        assertThat(d("2m1y").toString()).isEqualTo("1y2m");
        ZonedDateTime oct31 = ZonedDateTime.of(2024, 10, 31, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThat(d("1m").before(oct31)).as("Go's AddDate normalises 31 September to 1 October")
                .isEqualTo(ZonedDateTime.of(2024, 10, 1, 12, 0, 0, 0, ZoneOffset.UTC));
        assertThat(d("1y").before(ZonedDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(ZonedDateTime.of(2023, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(d("1d13h").before(oct31)).isEqualTo(ZonedDateTime.of(2024, 10, 29, 23, 0, 0, 0, ZoneOffset.UTC));
        for (String bad : List.of("30", "d", "3w", "1y-", "x1d")) {
            assertThatThrownBy(() -> d(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anEmptyPolicyIsEmptyAndAnyRuleIsNot() {
        assertThat(RetentionPolicy.NONE.isEmpty()).isTrue();
        assertThat(counts(0, 0, 0, 0, 0, 1).isEmpty()).isFalse();
        assertThat(RetentionPolicy.NONE.withKeepTags(List.of(List.of("x"))).isEmpty()).isFalse();
        RetentionDuration z = RetentionDuration.ZERO;
        assertThat(RetentionPolicy.NONE.withWithin(z, z, z, z, z, d("1y")).isEmpty()).isFalse();
    }

    private static RetentionPolicy counts(int last, int hourly, int daily, int weekly, int monthly, int yearly) {
        return RetentionPolicy.NONE.withCounts(last, hourly, daily, weekly, monthly, yearly);
    }

    private static RetentionDuration d(String s) {
        return RetentionDuration.parse(s);
    }

    /** restic's test snapshots, in its order (the sort must be stable for equal times). */
    private static List<SnapshotRef> snapshots() throws IOException {
        List<SnapshotRef> out = new ArrayList<>();
        for (String line : new String(resource("snapshots.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            Snapshot s = new Snapshot(1, Instant.parse(f[0]), "t", list(f[2]), "h", "u", list(f[1]), null, "test", false, null);
            out.add(new SnapshotRef(String.format("%064x", out.size()), s));
        }
        return out;
    }

    private static List<String> list(String field) {
        return field.equals("-") ? List.of() : List.of(field.split(","));
    }

    private static String describe(SnapshotRef ref) {
        return ref.snapshot().time() + " " + ref.snapshot().tags() + " " + ref.snapshot().paths();
    }

    private static String describe(JsonNode s) {
        List<String> tags = new ArrayList<>();
        s.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> paths = new ArrayList<>();
        s.path("paths").forEach(t -> paths.add(t.asText()));
        return Instant.parse(s.path("time").asText()) + " " + tags + " " + paths;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ForgetPolicyTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
