package dev.cairn.bench;

import dev.cairn.engine.chunk.Chunker;
import dev.cairn.engine.chunk.Chunkers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded chunking throughput of {@code FASTCDC-1M} over a 64 MiB buffer held in memory. One JMH "operation"
 * is one byte ({@link OperationsPerInvocation}), so the score is bytes per second. {@code random} is the normal case;
 * {@code zeros} never matches a mask and so hashes almost every byte up to the 4 MiB maximum (the worst case).
 * Run with {@code bench/chunker.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ChunkerBenchmark {

    static final int SIZE = 64 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"random", "zeros"})
    public String input;

    private byte[] data;
    private Chunker chunker;

    @Setup
    public void setUp() {
        data = "zeros".equals(input) ? new byte[SIZE] : BenchInputs.random(42, SIZE);
        chunker = Chunkers.create("FASTCDC-1M", BenchInputs.secret());
    }

    /** Chunks the whole buffer; returns the chunk count so the work cannot be eliminated. */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int chunk(CpuTime cpu) {
        long start = THREADS.getCurrentThreadCpuTime();
        byte[] d = data;
        int chunks = 0;
        for (int off = 0; off < d.length; chunks++) {
            off += chunker.nextChunkLength(d, off, d.length - off);
        }
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        cpu.bytes += d.length;
        return chunks;
    }

    /**
     * Secondary results: CPU time the benchmark thread spent and bytes it chunked, per iteration. On a shared machine
     * {@code bytes / cpuNanos} shows the code's own speed when other processes steal wall-clock time.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public long cpuNanos;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            bytes = 0;
        }
    }
}
