package dev.cairn.export.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The links between the exports of a copy (docs/spec/export-format.md §7). Stateless. */
public final class Chains {
    private Chains() {
    }

    /**
     * The link problem of each incremental export among {@code exports} (none for a full one): its previous export is
     * not among them, or is there with another cut. Keyed by the export, in order.
     */
    public static Map<Link, Optional<String>> check(Collection<Link> exports) {
        Map<Link, Optional<String>> out = new LinkedHashMap<>();
        for (Link e : exports) {
            out.put(e, e.incremental() ? problem(e, exports) : Optional.empty());
        }
        return out;
    }

    /**
     * The chain that ends at {@code last}: its full export first, then the incremental ones in order.
     *
     * @throws ChainException naming the missing link
     */
    public static List<Link> to(Link last, Collection<Link> exports) throws ChainException {
        List<Link> chain = new ArrayList<>();
        for (Link e = last; ; ) {
            chain.addFirst(e);
            if (!e.incremental()) {
                return chain;
            }
            Optional<String> problem = problem(e, exports);
            if (problem.isPresent()) {
                throw new ChainException(problem.get());
            }
            Link current = e;
            e = exports.stream().filter(current::chainsTo).findFirst().orElseThrow();
            if (chain.contains(e)) {
                throw new ChainException(current.dir() + ": its chain loops");
            }
        }
    }

    private static Optional<String> problem(Link e, Collection<Link> exports) {
        var previous = e.manifest().previous();
        if (previous == null) {
            return Optional.of(e.dir() + ": an incremental export that names no previous export");
        }
        if (exports.stream().anyMatch(e::chainsTo)) {
            return Optional.empty();
        }
        boolean sameDigest = exports.stream().anyMatch(o -> o.manifestSha256().equals(previous.manifestSha256()));
        return Optional.of(e.dir() + ": the export it is an increment of (manifest " + previous.manifestSha256()
                + ", cut " + previous.cut() + ") " + (sameDigest ? "has another cut: the chain is broken"
                : "is not in this copy: the chain is broken there, and this export cannot be rebuilt without it"));
    }
}
