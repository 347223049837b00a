package io.parley.history;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code parley.history.*}: every room and private message kept in the database, read back a page at a time,
 * replayed to new members of a room, and private messages kept for accounts that are offline.
 *
 * @param enabled whether messages are kept at all; off, {@code /history} and {@code CHATHISTORY} are refused and a
 * message to an offline account is refused as before ({@code offline})
 * @param retention how long a message is kept; older ones are purged
 * @param purgeInterval how often the purge runs
 * @param purgeBatch about how many messages one delete of the purge removes (whole chunks, of at most 200, until
 * at least this many), so it never holds the table long
 * @param defaultPage messages a {@code /history} page holds when the client names no number
 * @param maxPage the most a page may hold ({@code /history}, IRC {@code CHATHISTORY=} in {@code ISUPPORT})
 * @param joinReplay lines of a room shown to a member that joins it; 0 switches the replay off
 * @param offlineCap messages kept for one offline account; past it the sender is refused ({@code mailbox-full})
 * @param queueCapacity messages that may wait for the writer; past it new ones are not kept (counted as
 * {@code parley.history.dropped{reason=queue-full}}) and chat goes on
 * @param batchSize the most messages the writer commits at once
 * @param commitInterval how long the writer lets a batch grow before it commits it (unless the batch is full or a
 * reader waits): what a crash may lose, at most, beyond the batch being written
 * @param replayMemory the most memory the rooms' last lines take, kept for the replay on join so that a join needs
 * neither the writer nor the database; rooms past it are replayed from the database
 * @param readWait how long a read waits for the writer to store what was said before it, so a client reads what
 * it has just seen
 * @param roomCap how many of its newest messages a room keeps: the purge takes the older ones (by chunks, so a room
 * may keep up to a chunk, 200 messages, more); 0 for no cap. Retention still applies. Conversations have none: a
 * private message is its two parties' own.
 */
@Validated
@ConfigurationProperties("parley.history")
public record HistoryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30d") Duration retention,
		@DefaultValue("1h") Duration purgeInterval, @DefaultValue("10000") @Min(1) int purgeBatch,
		@DefaultValue("50") @Min(1) int defaultPage, @DefaultValue("1000") @Min(1) @Max(10000) int maxPage,
		@DefaultValue("20") @Min(0) int joinReplay, @DefaultValue("1000") @Min(1) int offlineCap,
		@DefaultValue("20000") @Min(1) int queueCapacity, @DefaultValue("10000") @Min(1) int batchSize,
		@DefaultValue("2s") Duration readWait, @DefaultValue("100ms") Duration commitInterval,
		@DefaultValue("8MB") DataSize replayMemory, @DefaultValue("0") @Min(0) int roomCap) {
}
