package io.parley.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/** Real HTTP calls to the running server's HTTP port, as {@code curl} would make them. */
@TestComponent
public class AdminHttp {

	/** The admin's password in every test context ({@link ParleyTest}). */
	public static final String ADMIN_PASSWORD = "admin-secret-1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final Environment environment;

	public AdminHttp(Environment environment) {
		this.environment = environment;
	}

	/** A call as {@code admin}. */
	public Call admin() {
		return as("admin", ADMIN_PASSWORD);
	}

	public Call as(String name, String password) {
		return new Call("Basic " + Base64.getEncoder()
			.encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public Call anonymous() {
		return new Call(null);
	}

	/** Creates a user account named {@code prefix} and a unique number, with password {@code password1}. */
	public String createUser(String prefix) {
		String name = LineServer.uniqueName(prefix);
		Response created = admin().post("/api/admin/users",
				"{\"name\":\"" + name + "\",\"password\":\"password1\",\"role\":\"USER\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("could not create " + name + ": " + created);
		}
		return name;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.environment.getRequiredProperty("local.server.port") + path);
	}

	/** Requests with one set of credentials (or none). */
	public final class Call {

		private final String authorization;

		private Call(String authorization) {
			this.authorization = authorization;
		}

		public Response get(String path) {
			return send("GET", path, null);
		}

		public Response delete(String path) {
			return send("DELETE", path, null);
		}

		public Response post(String path, String body) {
			return send("POST", path, body);
		}

		public Response put(String path, String body) {
			return send("PUT", path, body);
		}

		/** Any method; a non-null body goes as JSON. */
		public Response send(String method, String path, String body) {
			return send(method, path, body, "application/json");
		}

		/** Any method, with a body of the given content type. */
		public Response send(String method, String path, String body, String contentType) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", contentType);
			}
			if (this.authorization != null) {
				request.header("Authorization", this.authorization);
			}
			try {
				return new Response(AdminHttp.this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
			}
			catch (IOException ex) {
				throw new IllegalStateException(method + " " + path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A response: status, headers and the body, as text or as JSON. */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return json.readTree(this.raw.body());
		}

		public String contentType() {
			return this.raw.headers().firstValue("Content-Type").orElse("");
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.body();
		}

	}

}
