package io.parley.files;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The addresses of files: where to upload ({@code soju.im/FILEHOST}) and each file's link, from
 * {@code parley.files.base-url}, or {@code http://localhost:<port>} once the HTTP server has its port.
 */
@Component
public class FileLinks {

	/** The upload address's path; each file's link is below it. */
	public static final String PATH = "/files";

	private final String configured;

	private volatile String base;

	FileLinks(FileProperties properties) {
		String url = properties.baseUrl().strip();
		this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.base = this.configured.isEmpty() ? "http://localhost:8080" : this.configured;
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		if (this.configured.isEmpty() && event.getApplicationContext().getServerNamespace() == null) {
			this.base = "http://localhost:" + event.getWebServer().getPort();
		}
	}

	/** Where a client {@code POST}s a file. */
	public String uploadUrl() {
		return this.base + PATH;
	}

	/** The file's link: its unguessable id, then its name (for people; the server reads only the id). */
	String linkTo(StoredFile file) {
		return this.base + PATH + "/" + file.publicId() + "/" + pathSegment(file.name());
	}

	/** Letters, digits, {@code . _ -} as they are, every other byte of the UTF-8 name percent-encoded. */
	static String pathSegment(String name) {
		StringBuilder out = new StringBuilder(name.length() + 16);
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-') {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return out.toString();
	}

}
