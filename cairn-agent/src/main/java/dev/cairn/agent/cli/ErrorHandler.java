package dev.cairn.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The single place where a failed command becomes output and an exit code: {@code error: message} on stderr, the stack trace
 * only with {@code --debug}, the code from {@link ExitCodes}. Usage errors also name the command's {@code --help}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, new String[0]);
        }
        PrintWriter err = cmd.getErr();
        err.println("error: " + ExitCodes.message(ex));
        if (debug(cmd)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + UsageMessages.of(ex));
        String suggestion = UsageMessages.suggestion(ex);
        if (suggestion != null) {
            err.println(suggestion);
        }
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        if (debug(cmd)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean debug(CommandLine cmd) {
        return cmd.getCommandSpec().root().userObject() instanceof CairnCommand root && root.debug;
    }
}
