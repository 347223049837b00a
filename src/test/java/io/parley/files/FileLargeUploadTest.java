package io.parley.files;

import static io.parley.files.FileHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.support.ChatClient;
import io.parley.support.ParleyProcess;

/**
 * A file of 1 GiB goes up and comes down whole through a server whose heap is capped at 256 MiB, a quarter of the
 * file: it is streamed, never held. The server's heap is sampled all along and printed, with the loopback
 * throughput of the upload and the download beside what {@code curl} gets from a plain static file server (the
 * ceiling of this machine's loopback and disk) and {@code curl}'s own upload to Parley.
 */
class FileLargeUploadTest {

	private static final long GIB = 1024L * 1024 * 1024;

	private static final long MIB = 1024L * 1024;

	private static final int MIB_INT = (int) MIB;

	@TempDir
	Path workDir;

	@Test
	void aGibibyteGoesUpAndComesDownWithTheHeapFlat() throws Exception {
		Path big = this.workDir.resolve("big.bin");
		String sha256 = writeFile(big, GIB);
		try (ParleyProcess parley = ParleyProcess.start(this.workDir.resolve("server"), List.of("-Xmx256m"),
				"parley.files.max-file-size=2GB", "parley.files.daily-quota=8GB")) {
			try (ChatClient alice = new ChatClient("localhost", parley.linePort())) {
				alice.expectPrefix("HELLO ");
				alice.send("/register alice password1").expect("OK register alice");
			}
			HeapSampler heap = new HeapSampler(parley);
			double before = heap.sampleNow();
			heap.start();
			long start = System.nanoTime();
			HttpRequest upload = HttpRequest.newBuilder(URI.create("http://localhost:" + parley.httpPort() + "/files"))
				.header("Authorization", basic("alice", "password1"))
				.header("Content-Type", "application/octet-stream")
				.header("Content-Disposition", "attachment; filename=\"big.bin\"")
				.POST(HttpRequest.BodyPublishers.ofFile(big))
				.build();
			HttpResponse<String> uploaded = FileHttp.CLIENT.send(upload, HttpResponse.BodyHandlers.ofString());
			double uploadSeconds = (System.nanoTime() - start) / 1e9;
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			String link = uploaded.headers().firstValue("Location").orElseThrow();

			start = System.nanoTime();
			HttpResponse<InputStream> download = FileHttp.CLIENT.send(HttpRequest.newBuilder(URI.create(link)).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String downloaded;
			try (InputStream in = download.body()) {
				downloaded = sha256(in);
			}
			double downloadSeconds = (System.nanoTime() - start) / 1e9;
			double peak = heap.stop();
			assertThat(downloaded).isEqualTo(sha256);
			assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");

			String curlUpload = curl("-s", "-o", "/dev/null", "-w", "%{speed_upload}", "-u", "alice:password1", "-H",
					"Content-Type: application/octet-stream", "-X", "POST", "-T", big.toString(),
					"http://localhost:" + parley.httpPort() + "/files");
			String ceiling = staticServerCeiling(big);
			System.out.printf("%n1 GiB through Parley (server -Xmx256m): heap used %.0f MiB before, %.0f MiB at the "
					+ "highest sample during upload and download%n", before / MIB, peak / MIB);
			System.out.printf("  upload (java.net.http)   %7.0f MiB/s (%.1f s)%n", GIB / MIB / uploadSeconds, uploadSeconds);
			System.out.printf("  download (java.net.http) %7.0f MiB/s (%.1f s)%n", GIB / MIB / downloadSeconds,
					downloadSeconds);
			System.out.printf("  upload (curl -T)         %s%n", mibPerSecond(curlUpload));
			System.out.printf("  ceiling: curl from a static file server (python3 -m http.server) to /dev/null: %s%n%n",
					mibPerSecond(ceiling));
			// the heap cannot have held the file (the cap is a quarter of it); nor did it grow towards the cap
			assertThat(peak).isLessThan(200.0 * MIB);
		}
	}

	/** A file of pseudo-random bytes (so that nothing on the way compresses it), and its SHA-256. */
	private static String writeFile(Path path, long size) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] block = new byte[MIB_INT];
		Random random = new Random(20);
		try (OutputStream out = Files.newOutputStream(path)) {
			for (long written = 0; written < size; written += block.length) {
				random.nextBytes(block);
				out.write(block);
				digest.update(block);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}


	private static String sha256(InputStream in) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] buffer = new byte[64 * 1024];
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			digest.update(buffer, 0, read);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** What {@code curl} gets from {@code python3 -m http.server} serving the file; "n/a" without either. */
	private String staticServerCeiling(Path big) throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Process server;
		try {
			server = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1")
				.directory(big.getParent().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException noPython) {
			return "n/a (no python3)";
		}
		try {
			for (int i = 0; i < 100 && !listening(port); i++) {
				server.waitFor(100, TimeUnit.MILLISECONDS);
			}
			return curl("-s", "-o", "/dev/null", "-w", "%{speed_download}", "http://127.0.0.1:" + port + "/big.bin");
		}
		finally {
			server.destroy();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** curl's {@code -w} output (bytes a second), or "n/a" without curl. */
	private static String curl(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl"));
		command.addAll(List.of(args));
		try {
			Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			curl.waitFor(5, TimeUnit.MINUTES);
			return out;
		}
		catch (IOException noCurl) {
			return "n/a";
		}
	}

	private static String mibPerSecond(String bytesPerSecond) {
		try {
			return String.format("%7.0f MiB/s", Double.parseDouble(bytesPerSecond) / MIB);
		}
		catch (NumberFormatException ex) {
			return bytesPerSecond;
		}
	}

	/** Samples the server's used heap through the actuator every 200 ms while the transfers run, keeping the highest. */
	private static final class HeapSampler {

		private final ParleyProcess parley;

		private final AtomicLong peak = new AtomicLong();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		HeapSampler(ParleyProcess parley) {
			this.parley = parley;
		}

		double sampleNow() throws Exception {
			return this.parley.metric("jvm.memory.used?tag=area:heap");
		}

		void start() {
			this.sampler.scheduleWithFixedDelay(() -> {
				try {
					this.peak.accumulateAndGet((long) sampleNow(), Math::max);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (Exception ex) {
					// a sample lost under load; the next one counts
				}
			}, 0, 200, TimeUnit.MILLISECONDS);
		}

		double stop() throws InterruptedException {
			this.sampler.shutdown();
			this.sampler.awaitTermination(30, TimeUnit.SECONDS);
			return this.peak.get();
		}

	}

}
