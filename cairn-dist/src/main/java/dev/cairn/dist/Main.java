package dev.cairn.dist;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of the distribution jar: {@code cairn server …} goes to the server, every other command to the agent.
 * Both are looked up by name, so an agent command never loads a server class (agent start-up time is benchmarked).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        boolean server = args.length > 0 && args[0].equals("server");
        String target = server ? "dev.cairn.dist.ServerLauncher" : "dev.cairn.agent.AgentMain";
        String[] rest = server ? Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            Class.forName(target).getMethod("main", String[].class).invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
