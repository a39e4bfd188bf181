package org.blackout.core.entity;

import java.io.IOException;

/** An entity file that cannot serve: the message names the file and its first bad line, for the user. */
public final class EntityFileException extends IOException {
    public EntityFileException(String message) {
        super(message);
    }
}
