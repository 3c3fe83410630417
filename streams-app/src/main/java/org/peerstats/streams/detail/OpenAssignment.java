package org.peerstats.streams.detail;

/** An open assignment as the merged view keeps it and the detail shows it. */
public record OpenAssignment(String assignmentId, String contactName, String status) {
}
