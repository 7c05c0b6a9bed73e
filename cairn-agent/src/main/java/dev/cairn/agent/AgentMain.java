package dev.cairn.agent;

import dev.cairn.agent.cli.Cli;

/** Entry point of the {@code cairn} command. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.getenv(), System.out, System.err));
    }
}
