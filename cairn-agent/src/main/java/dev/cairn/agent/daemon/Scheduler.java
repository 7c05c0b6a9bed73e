package dev.cairn.agent.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Decides which sets run when, on an injected clock. A set is due when its next run time has come or {@code cairn run}
 * asked for it. {@link #tick()} starts every due set whose repository is free: never two jobs on one repository (nor two
 * runs of one set) at once, in this process; the repository's own lock or lease keeps other processes out. After a run,
 * the next run is the schedule's first slot after the run's start (after its end, if the run outlasted that slot), so
 * however many slots were missed while the machine slept or the daemon was down, the set runs once and then keeps to its
 * schedule. State is saved to the {@link StateFile} at every change.
 */
final class Scheduler {
    /** Runs one set; called on an executor thread. */
    @FunctionalInterface
    interface Job {
        SetRunner.Outcome run(SetConfig set, SetState before) throws InterruptedException;
    }

    private final StateFile stateFile;
    private final Clock clock;
    private final Executor executor;
    private final Job job;
    private final Runnable onFinish;
    private final Log log;
    private DaemonConfig config;
    private final Map<String, SetState> states = new HashMap<>();
    private final Set<String> runningSets = new HashSet<>();
    private final Set<String> busyRepositories = new HashSet<>();
    private final Map<String, List<CompletableFuture<SetRunner.Outcome>>> requested = new HashMap<>();

    Scheduler(StateFile stateFile, Clock clock, Executor executor, Job job, Runnable onFinish, Log log) throws IOException {
        this.stateFile = stateFile;
        this.clock = clock;
        this.executor = executor;
        this.job = job;
        this.onFinish = onFinish;
        this.log = log;
        states.putAll(stateFile.load());
    }

    /** Takes (or, on reload, replaces) the config: plans sets that are new or whose schedule changed; keeps the rest. */
    synchronized void configure(DaemonConfig newConfig) throws IOException {
        this.config = newConfig;
        Instant now = clock.instant();
        for (SetConfig set : newConfig.sets().values()) {
            SetState s = states.get(set.name());
            String text = set.schedule().text();
            if (s == null || s.nextRun() == null) {
                states.put(set.name(), SetState.planned(text, set.schedule().runsAtOnceWhenNew() ? now : set.schedule().next(now)));
            } else if (!text.equals(s.schedule())) {
                Instant next = s.lastStart() != null ? set.schedule().next(s.lastStart())
                        : set.schedule().runsAtOnceWhenNew() ? now : set.schedule().next(now);
                states.put(set.name(), s.withNext(text, next));
            }
        }
        states.keySet().retainAll(newConfig.sets().keySet());
        stateFile.save(states);
    }

    /** Asks for {@code set} to run as soon as its repository is free; the future completes when that run ends. */
    synchronized CompletableFuture<SetRunner.Outcome> request(String set) {
        config.set(set); // names the sets there are if there is no such set
        CompletableFuture<SetRunner.Outcome> f = new CompletableFuture<>();
        requested.computeIfAbsent(set, k -> new ArrayList<>()).add(f);
        return f;
    }

    /** Starts every due set whose repository is free; returns the names started. */
    synchronized List<String> tick() {
        return start(false);
    }

    /** Starts only the sets {@link #request asked for} ({@code cairn run} without a daemon); returns the names started. */
    synchronized List<String> startRequested() {
        return start(true);
    }

    private List<String> start(boolean onlyRequested) {
        Instant now = clock.instant();
        List<SetConfig> due = config.sets().values().stream().filter(s -> !runningSets.contains(s.name()))
                .filter(s -> requested.containsKey(s.name()) || !onlyRequested && !states.get(s.name()).nextRun().isAfter(now))
                .sorted(Comparator.comparing((SetConfig s) -> !requested.containsKey(s.name()))
                        .thenComparing(s -> states.get(s.name()).nextRun())).toList();
        List<String> started = new ArrayList<>();
        for (SetConfig set : due) {
            if (busyRepositories.add(repositoryKey(set))) {
                runningSets.add(set.name());
                List<CompletableFuture<SetRunner.Outcome>> waiting = requested.remove(set.name());
                executor.execute(() -> runAndRecord(set, waiting == null ? List.of() : waiting));
                started.add(set.name());
            }
        }
        return started;
    }

    /** When the next set falls due, or null if none is waiting for a time (all run, or are asked for). */
    synchronized Instant nextDue() {
        return config.sets().values().stream().filter(s -> !runningSets.contains(s.name()))
                .map(s -> states.get(s.name()).nextRun()).min(Comparator.naturalOrder()).orElse(null);
    }

    /** A copy of every set's state. */
    synchronized Map<String, SetState> states() {
        return Map.copyOf(states);
    }

    /** Whether no set is running. */
    synchronized boolean idle() {
        return runningSets.isEmpty();
    }

    /** Whether a set is running now. */
    synchronized boolean running(String set) {
        return runningSets.contains(set);
    }

    private void runAndRecord(SetConfig set, List<CompletableFuture<SetRunner.Outcome>> waiting) {
        SetRunner.Outcome outcome = null;
        try {
            log.info(set.name() + ": run started");
            SetState before;
            synchronized (this) {
                before = states.get(set.name());
            }
            outcome = job.run(set, before);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Instant t = clock.instant();
            outcome = SetRunner.Outcome.failed(t, String.valueOf(e));
        } finally {
            finish(set, outcome, waiting);
        }
    }

    private void finish(SetConfig set, SetRunner.Outcome outcome, List<CompletableFuture<SetRunner.Outcome>> waiting) {
        synchronized (this) {
            runningSets.remove(set.name());
            busyRepositories.remove(repositoryKey(set));
            if (outcome != null && states.containsKey(set.name())) {
                Instant next = set.schedule().next(outcome.start());
                if (!next.isAfter(outcome.end())) {
                    next = set.schedule().next(outcome.end());
                }
                states.put(set.name(), states.get(set.name()).finished(outcome, next));
                save();
                log.info(set.name() + ": run " + outcome.status() + "; next run " + next);
            }
        }
        waiting.forEach(f -> {
            if (outcome != null) {
                f.complete(outcome);
            } else {
                f.completeExceptionally(new InterruptedException("the daemon stopped during the run"));
            }
        });
        onFinish.run();
    }

    private void save() {
        try {
            stateFile.save(states);
        } catch (IOException e) {
            log.info("could not save the state file: " + e.getMessage());
        }
    }

    /** Sets on one repository share this key (export-only sets have their own). */
    static String repositoryKey(SetConfig set) {
        if (set.repository() == null) {
            return "set:" + set.name();
        }
        String r = set.repository().strip();
        return "repo:" + (r.endsWith("/") ? r.substring(0, r.length() - 1) : r);
    }
}
