package dev.cairn.agent.daemon;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the daemon's YAML config into a {@link DaemonConfig}. Every problem (YAML syntax, an unknown key, a value of the
 * wrong kind, a bad schedule) becomes a {@link ConfigException} that names the file, line, column and key, e.g.
 * {@code /etc/cairn/daemon.yaml line 7, column 15 (sets.home.schedule): 'every hour' is not a duration ...}.
 */
public final class ConfigLoader {
    private final ObjectMapper mapper;

    /** Cron lines are read in {@code zone}. */
    public ConfigLoader(ZoneId zone) {
        SimpleModule values = new SimpleModule("cairn-daemon");
        values.addDeserializer(Schedule.class, text(t -> Schedule.parse(t, zone)));
        values.addDeserializer(Duration.class, text(Durations::parse));
        values.addDeserializer(SetConfig.Prune.class, new PruneDeserializer());
        values.addDeserializer(SetConfig.ByteRate.class, text(t -> new SetConfig.ByteRate(Durations.bytes(t))));
        mapper = new ObjectMapper(new YAMLFactory()).registerModule(values)
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addHandler(new UnknownKeyAtItsLine());
    }

    /** Reports an unknown key while its parser still knows where it is (records are read from a buffer, without places). */
    private static final class UnknownKeyAtItsLine extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object bean, String name) throws IOException {
            Class<?> type = bean != null ? bean.getClass() : deserializer.handledType();
            throw UnrecognizedPropertyException.from(p, type, name, deserializer.getKnownPropertyNames());
        }
    }

    /** Reads and checks {@code file}. */
    public DaemonConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; give the config with --config FILE (see docs/daemon.md)", 0, e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), 0, e);
        }
        try {
            DaemonConfig config = mapper.readValue(text, DaemonConfig.class);
            if (config == null) {
                throw new ConfigException(file + " is empty; it needs 'sets:' (see docs/daemon.md)", 1, null);
            }
            return config;
        } catch (JsonProcessingException e) {
            throw describe(file, text, e);
        }
    }

    private static ConfigException describe(Path file, String text, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String key = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            key = key.endsWith("." + u.getPropertyName()) || key.isEmpty() ? key : key + "." + u.getPropertyName();
        }
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        boolean wholeObject = e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException; // at its end
        if ((line <= 0 || wholeObject) && !key.isEmpty()) { // read from a buffer, or about a whole map: find the key
            int[] found = KeyLines.find(text, key);
            if (found[0] > 0) {
                line = found[0];
                column = found[1];
            }
        }
        String where = line <= 0 ? file.toString() : file + " line " + line + ", column " + column;
        return new ConfigException(where + (key.isEmpty() ? "" : " (" + key + ")") + ": " + reason(e), Math.max(line, 0), e);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; the keys here are " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).filter(k -> !k.equals("name")).sorted().collect(Collectors.joining(", "));
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** {@code prune: never} (or {@code false}), or a map of {@link SetConfig.Prune.Keys}. */
    private static final class PruneDeserializer extends JsonDeserializer<SetConfig.Prune> {
        @Override
        public SetConfig.Prune deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isScalarValue()) {
                String t = p.getValueAsString();
                if ("never".equals(t) || "false".equals(t)) {
                    return SetConfig.Prune.NEVER;
                }
                throw JsonMappingException.from(p, "'prune' is 'never' or a map like {every: 7d, max-unused: 5%}, not '" + t + "'");
            }
            SetConfig.Prune.Keys k = ctxt.readValue(p, SetConfig.Prune.Keys.class);
            try {
                return new SetConfig.Prune(k.every(), k.maxUnused());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    /** A deserializer of a scalar through {@code parse}, whose IllegalArgumentException becomes a located error. */
    private static <T> JsonDeserializer<T> text(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.currentToken().isScalarValue()) {
                    throw JsonMappingException.from(p, "expected a single value here, not a list or a map");
                }
                try {
                    return parse.apply(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage(), e);
                }
            }
        };
    }
}
