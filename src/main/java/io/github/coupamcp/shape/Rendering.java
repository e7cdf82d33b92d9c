package io.github.coupamcp.shape;

import tools.jackson.databind.node.ObjectNode;

/** A tool result before it becomes a ToolOutcome: the structured content and its short text. */
public record Rendering(ObjectNode structured, String text) {}
