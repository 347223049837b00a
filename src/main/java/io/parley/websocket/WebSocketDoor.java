package io.parley.websocket;

import java.util.List;

import io.parley.session.ChatProtocol;

/**
 * A protocol served through the WebSocket door, declared by the protocol (IRC declares its own, as it declares its
 * TCP listeners), so that this transport knows no protocol.
 *
 * @param protocol what the door's sessions speak
 * @param textSubprotocol the subprotocol of text frames ({@code text.ircv3.net}), also used when a client asks
 * for none
 * @param binarySubprotocol the subprotocol of binary frames ({@code binary.ircv3.net}), or null
 */
public record WebSocketDoor(ChatProtocol protocol, String textSubprotocol, String binarySubprotocol) {

	List<String> subprotocols() {
		return (this.binarySubprotocol != null) ? List.of(this.textSubprotocol, this.binarySubprotocol)
				: List.of(this.textSubprotocol);
	}

}
