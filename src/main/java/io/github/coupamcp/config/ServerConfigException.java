package io.github.coupamcp.config;

/** The server's own settings (HTTP bind, token, budget...) are invalid; the message says which and how to fix it. */
public class ServerConfigException extends ConfigException {
    public ServerConfigException(String message) {
        super(message);
    }
}
