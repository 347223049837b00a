package io.parley.files;

import org.springframework.http.HttpStatus;

import io.parley.protocol.ErrorCode;

/** What an upload came to: the file and its link, or why not (a status, a code and words for the client). */
public sealed interface UploadOutcome {

	record Stored(StoredFile file, String url) implements UploadOutcome {
	}

	record Refused(HttpStatus status, ErrorCode code, String detail) implements UploadOutcome {
	}

}
