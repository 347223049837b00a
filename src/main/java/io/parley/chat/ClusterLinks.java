package io.parley.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The node's {@link ClusterLink}, or null outside cluster mode (issue 22), looked up once: asking the bean
 * factory for an optional bean walks its candidates each time, and the chat core asks for every private message,
 * login and listing. Until every singleton is made (the link needs the rooms, which need the core) it is looked up
 * on each call; from then on the answer is kept.
 */
@Component
class ClusterLinks implements SmartInitializingSingleton {

	private final ObjectProvider<ClusterLink> provider;

	private volatile boolean resolved;

	private volatile @Nullable ClusterLink link;

	ClusterLinks(ObjectProvider<ClusterLink> provider) {
		this.provider = provider;
	}

	/** The link, or null when this node is not in a cluster. */
	@Nullable ClusterLink link() {
		return this.resolved ? this.link : this.provider.getIfAvailable();
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.link = this.provider.getIfAvailable();
		this.resolved = true;
	}

}
