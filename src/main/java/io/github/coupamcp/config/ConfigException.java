package io.github.coupamcp.config;

/** Invalid or missing configuration, found before any request. Messages name the setting, never a secret value. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
