package io.parley.files;

import java.util.Optional;

import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.chat.PrivateMessages;
import io.parley.chat.RoomNames;
import io.parley.chat.Rooms;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * What a chat session does with files, in any protocol: asks for an upload token, and shares an uploaded file
 * in a room or with a person as a message that carries the file's link, name, size and type. Called by the
 * line protocol's {@code /filetoken} and {@code /share} and IRC's {@code FILETOKEN} and {@code SHARE}.
 */
@Service
public class FileSharing {

	private final FileCatalog catalog;

	private final FileTokens tokens;

	private final FileLinks links;

	private final AccountService accounts;

	private final Rooms rooms;

	private final PrivateMessages messages;

	FileSharing(FileCatalog catalog, FileTokens tokens, FileLinks links, AccountService accounts, Rooms rooms,
			PrivateMessages messages) {
		this.catalog = catalog;
		this.tokens = tokens;
		this.links = links;
		this.accounts = accounts;
		this.rooms = rooms;
		this.messages = messages;
	}

	/** Where clients upload ({@code soju.im/FILEHOST}). */
	public String uploadUrl() {
		return this.links.uploadUrl();
	}

	/**
	 * A token for uploads as the session's account: {@code OK filetoken <token> <seconds> <upload-url>}. A guest has
	 * no account to upload as, and is refused.
	 */
	public void token(Session session) {
		Optional<Account> account = this.accounts.find(session.user());
		if (account.isEmpty() || !account.get().name().equals(session.user())) {
			session.send(new Reply.Error(ErrorCode.FORBIDDEN, "uploads need an account; guests cannot upload files"));
			return;
		}
		String token = this.tokens.issue(account.get().name());
		session.send(new Reply.Ok("filetoken",
				token + " " + this.tokens.lifetime().toSeconds() + " " + this.links.uploadUrl()));
	}

	/**
	 * Shares a file (its id or its link) in a room ({@code #name}) or with a user who is online; the chat core
	 * refuses as for a message (not a member, offline, no such user).
	 */
	public void share(Session session, String target, String file) {
		Optional<StoredFile> found = this.catalog.findLive(file);
		if (found.isEmpty()) {
			session.send(new Reply.Error(ErrorCode.NO_SUCH_FILE,
					"there is no file " + TextCleaner.excerpt(file) + "; it may have been deleted", file));
			return;
		}
		StoredFile shared = found.get();
		boolean room = target.startsWith("#");
		boolean done = room ? this.rooms.shareFile(session, target, this.catalog.shared(shared))
				: this.messages.shareFile(session, target, this.catalog.shared(shared));
		if (done) {
			String to = room ? RoomNames.canonical(target) : target;
			this.catalog.recordShare(shared, room ? to : null, room ? null : to, session.user());
			session.send(new Reply.Ok("share", shared.publicId() + " " + (room ? "#" + to : to)));
		}
	}

}
