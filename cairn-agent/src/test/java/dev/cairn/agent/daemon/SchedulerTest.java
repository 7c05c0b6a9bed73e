package dev.cairn.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    @TempDir
    Path tmp;

    @Test
    void neverRunsTwoJobsOnOneRepositoryAtOnce() throws Exception {
        MutableClock clock = MutableClock.create();
        Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger worst = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool();
        Scheduler.Job job = (set, before) -> {
            int now = active.computeIfAbsent(Scheduler.repositoryKey(set), k -> new AtomicInteger()).incrementAndGet();
            worst.accumulateAndGet(now, Math::max);
            release.computeIfAbsent(set.name(), k -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
            active.get(Scheduler.repositoryKey(set)).decrementAndGet();
            return new SetRunner.Outcome(clock.instant(), clock.instant(), "success", null, List.of(), null, 0, null);
        };
        Scheduler[] holder = new Scheduler[1];
        Scheduler s = new Scheduler(new StateFile(tmp), clock.withZone(ZoneOffset.UTC), pool, job, () -> holder[0].tick(),
                new Log(new PrintStream(new ByteArrayOutputStream()), clock.withZone(ZoneOffset.UTC)));
        holder[0] = s;
        s.configure(new ConfigLoader(ZoneOffset.UTC).load(java.nio.file.Files.writeString(tmp.resolve("c.yaml"), """
                sets:
                  a: {repository: /srv/one, sources: [/x], schedule: every 1h}
                  b: {repository: /srv/one/, sources: [/y], schedule: every 1h}
                  c: {repository: /srv/two, sources: [/z], schedule: every 1h}
                """)));
        assertThat(s.tick()).containsExactlyInAnyOrder("a", "c");
        assertThat(s.tick()).as("b waits: a holds /srv/one").isEmpty();
        release.computeIfAbsent("a", k -> new CountDownLatch(1)).countDown();
        DaemonFixture.awaitTrue(() -> s.running("b"), Duration.ofSeconds(10));
        assertThat(s.running("a")).isFalse();
        release.computeIfAbsent("b", k -> new CountDownLatch(1)).countDown();
        release.computeIfAbsent("c", k -> new CountDownLatch(1)).countDown();
        DaemonFixture.awaitTrue(() -> !s.running("b") && !s.running("c"), Duration.ofSeconds(10));
        assertThat(worst.get()).isEqualTo(1);
        assertThat(s.states().get("b").result()).isEqualTo("success");
        pool.shutdownNow();
    }
}
