package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code STATE_DIR/outbox/}: run reports waiting for their server, one file each, so a report made while the server is
 * unreachable (or the device signed out) is delivered when it is back, in the order the runs ended. {@link #deliver()}
 * sends them: 200/201 removes a report (the server had it, or has it now), 401 keeps it (signed out: the server raises
 * its own alert; sent again later), another 4xx drops it with a log line (the server will never take it), 5xx and
 * network errors keep it.
 */
public final class Outbox {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Path dir;
    private final ReportSender sender;
    private final Tokens tokens;
    private final Log log;
    private final Set<String> signedOutLogged = new HashSet<>();

    /** The credential for a server: {@code tokenFile} if given, else $CAIRN_TOKEN, else {@code cairn login}'s. */
    public interface Tokens {
        Optional<String> token(URI server, Path tokenFile, boolean insecureHttp) throws IOException;
    }

    /** Posts one report; returns the HTTP status; throws IOException when the server cannot be reached. */
    public interface ReportSender {
        int send(URI server, String token, byte[] json) throws IOException, InterruptedException;
    }

    /** A queued report and where it goes. */
    record Entry(URI server, Path tokenFile, boolean insecureHttp, RunReport report) {
    }

    public Outbox(Path stateDir, ReportSender sender, Tokens tokens, Log log) {
        this.dir = stateDir.resolve("outbox");
        this.sender = sender;
        this.tokens = tokens;
        this.log = log;
    }

    /** Queues {@code report} for {@code server} (written atomically; delivered by {@link #deliver()}). */
    public void add(URI server, Path tokenFile, boolean insecureHttp, RunReport report) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%013d-%s.json", report.endedAt().toEpochMilli(), report.runId());
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(new Entry(server, tokenFile, insecureHttp, report)));
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** How many reports wait. */
    public int pending() throws IOException {
        return files().size();
    }

    /** Sends every waiting report; a server that cannot be reached is not tried again in this round. Returns how many went. */
    public synchronized int deliver() throws InterruptedException {
        Set<URI> unreachable = new HashSet<>();
        int sent = 0;
        try {
            for (Path file : files()) {
                Entry e = JSON.readValue(Files.readAllBytes(file), Entry.class);
                if (!unreachable.contains(e.server()) && deliver(file, e, unreachable)) {
                    sent++;
                }
            }
        } catch (IOException e) {
            log.info("outbox: " + e.getMessage());
        }
        return sent;
    }

    private boolean deliver(Path file, Entry e, Set<URI> unreachable) throws IOException, InterruptedException {
        Optional<String> token = tokens.token(e.server(), e.tokenFile(), e.insecureHttp());
        if (token.isEmpty()) {
            logSignedOutOnce(e.server(), "no credential for " + e.server() + " (cairn login, token-file or $CAIRN_TOKEN); "
                    + "run reports wait in the outbox");
            return false;
        }
        int status;
        try {
            status = sender.send(e.server(), token.get(), JSON.writeValueAsBytes(e.report()));
        } catch (IOException ex) {
            unreachable.add(e.server());
            return false;
        }
        if (status == 200 || status == 201) {
            Files.deleteIfExists(file);
            signedOutLogged.remove(e.server().toString());
            return true;
        }
        if (status == 401) {
            logSignedOutOnce(e.server(), e.server() + " says this device is signed out (401); run reports wait in the outbox; "
                    + "sign in again with 'cairn login " + e.server() + "'");
        } else if (status >= 400 && status < 500) {
            log.info("run report " + e.report().runId() + " (" + e.report().kind() + " of " + e.report().set() + ") refused by "
                    + e.server() + " with HTTP " + status + "; dropped");
            Files.deleteIfExists(file);
        } else {
            unreachable.add(e.server());
        }
        return false;
    }

    private void logSignedOutOnce(URI server, String message) {
        if (signedOutLogged.add(server.toString())) {
            log.info(message);
        }
    }

    private List<Path> files() throws IOException {
        List<Path> list = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return list;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            s.forEach(list::add);
        }
        list.sort(null);
        return list;
    }
}
