package dev.cairn.server.records;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 CSV (UTF-8, optional BOM, quoted fields with commas and newlines) as {@link RowSource}. */
final class CsvRows implements RowSource {
    private static final CsvMapper MAPPER = new CsvMapper();
    private final Reader reader;
    private final MappingIterator<List<String>> rows;
    private int line;

    CsvRows(Path file) throws IOException {
        this.reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        this.rows = MAPPER.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(reader);
    }

    @Override
    public List<String> header() throws IOException {
        List<String> header = next();
        if (header == null) {
            return List.of();
        }
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
            header = new java.util.ArrayList<>(header);
            header.set(0, header.getFirst().substring(1));
        }
        return header.stream().map(String::strip).toList();
    }

    @Override
    public List<String> next() throws IOException {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            line++;
            return rows.nextValue();
        } catch (RuntimeException e) {
            throw new IOException("malformed CSV: " + e.getMessage(), e);
        }
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        reader.close();
    }
}
