package dev.cairn.server.error;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Problem;
import java.util.Objects;

/**
 * A request the service refused or could not carry out, with a stable code and a message for the caller that says what
 * to do. Whether retrying helps is {@link ErrorCode#retryable()}. Unchecked, thrown by services and mapped by the HTTP
 * layer; CLI commands print the message.
 */
public class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ServiceException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ServiceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The problem response for this refusal: code and message; subclasses add the members they carry (quota figures,
     * field errors, the current record, ...). The HTTP layer's one mapper calls this for every service exception.
     */
    public Problem problem() {
        return Problem.of(code, getMessage());
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorCode.NOT_FOUND, message);
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(ErrorCode.BAD_REQUEST, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(ErrorCode.ALREADY_EXISTS, message);
    }

    public static ServiceException forbidden(String message) {
        return new ServiceException(ErrorCode.FORBIDDEN, message);
    }
}
