package dev.cairn.agent.daemon;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's config file (docs/daemon.md): its backup sets by name, where it keeps its state, and the default server
 * run reports of sets on other repositories go to.
 *
 * @param stateDir  state, outbox, lock and control socket (null: {@code --state-dir}, else $XDG_STATE_HOME/cairn)
 * @param reportTo  the server for reports of sets whose repository is not on a server and which name none (null: none)
 */
public record DaemonConfig(Path stateDir, URI reportTo, Map<String, SetConfig> sets) {
    public DaemonConfig {
        if (sets == null || sets.isEmpty()) {
            throw new IllegalArgumentException("no sets: the file needs 'sets:' with at least one backup set (see docs/daemon.md)");
        }
        Map<String, SetConfig> named = new LinkedHashMap<>();
        sets.forEach((name, set) -> {
            if (set == null) {
                throw new IllegalArgumentException("set '" + name + "' is empty: give it at least repository, sources and schedule");
            }
            named.put(name, set.named(name));
        });
        sets = java.util.Collections.unmodifiableMap(named);
    }

    /** The set called {@code name}; an IllegalArgumentException names the sets there are. */
    public SetConfig set(String name) {
        SetConfig set = sets.get(name);
        if (set == null) {
            throw new IllegalArgumentException("there is no set '" + name + "' in the config; its sets are " + String.join(", ", sets.keySet()));
        }
        return set;
    }
}
