package dev.cairn.workspace.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV (UTF-8, optional BOM, quoted fields with commas and newlines) as {@link RowSource}. Bytes that are not
 * UTF-8 are refused, never replaced: an import stores exactly the text of the file or nothing.
 */
final class CsvRows implements RowSource {
    private static final CsvMapper MAPPER = new CsvMapper();
    private final Reader reader;
    private final MappingIterator<List<String>> rows;
    private int line;

    /** @throws IOException if the spooled file cannot be opened (the server's fault, not the file's) */
    CsvRows(Path file) throws IOException {
        this.reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            this.rows = MAPPER.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw UnreadableFileException.csv(1, e);
        }
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

    /** @throws UnreadableFileException for malformed CSV or bytes that are not UTF-8 */
    @Override
    public List<String> next() throws UnreadableFileException {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            line++;
            return rows.nextValue();
        } catch (IOException | RuntimeException e) {
            throw UnreadableFileException.csv(line + 1, e instanceof RuntimeException r
                    && r.getCause() instanceof CharacterCodingException c ? c : e);
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
