package io.parley.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Uploads and downloads over real HTTP, as a FILEHOST client makes them ({@link HttpClient}), and requests written
 * byte by byte on a socket for what no well-behaved client sends: a body shorter than its Content-Length, a body
 * that never comes, a connection dropped halfway.
 */
final class FileHttp {

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	private FileHttp() {
	}

	static String basic(String name, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static HttpResponse<String> upload(int port, String authorization, String name, String type, byte[] bytes)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/files"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (type != null) {
			request.header("Content-Type", type);
		}
		if (name != null) {
			request.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
		return send("GET", url, headers);
	}

	static HttpResponse<byte[]> send(String method, String url, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
				HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** A link as served on this machine: the server makes them with http://localhost:port unless told a base. */
	static String local(int port, String link) {
		URI uri = URI.create(link);
		return "http://localhost:" + port + uri.getRawPath();
	}

	/** A response read off a socket: the status, the headers (lower-case names) and the body. */
	record RawResponse(int status, Map<String, String> headers, String body) {
	}

	/** Reads one HTTP/1.1 response (with a Content-Length body, or up to the end of the stream). */
	static RawResponse read(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		String statusLine = line(in);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (headers.containsKey("content-length")) {
			body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
			line(in); // the empty line after the last chunk
		}
		return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers,
				body.toString(StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b == -1 && line.size() == 0) {
			throw new IOException("the connection closed before a response");
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/** Writes an upload's request line and headers, and no body. */
	static void head(Socket socket, String authorization, String... headers) throws IOException {
		socket.setSoTimeout(10_000); // an answer that does not come fails the test rather than hanging it
		StringBuilder request = new StringBuilder("POST /files HTTP/1.1\r\nHost: localhost\r\nAuthorization: ")
			.append(authorization)
			.append("\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		OutputStream out = socket.getOutputStream();
		out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

}
