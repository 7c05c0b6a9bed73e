package dev.cairn.agent;

/** Entry point of the {@code cairn} command. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.out.println("cairn");
    }
}
