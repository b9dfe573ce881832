package io.meterkit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Asks authenticators in order; see {@link Authenticator#chain}. Immutable and thread-safe. */
final class AuthenticatorChain implements Authenticator {
  private final List<Authenticator> members;
  private final List<String> challenges;

  AuthenticatorChain(List<Authenticator> members) {
    this.members = List.copyOf(members);
    List<String> all = new ArrayList<>();
    for (Authenticator member : this.members) {
      for (String challenge : member.challenges()) {
        if (!all.contains(challenge)) {
          all.add(challenge);
        }
      }
    }
    this.challenges = List.copyOf(all);
  }

  @Override
  public Optional<Principal> authenticate(ApiRequest request) {
    for (Authenticator member : members) {
      Optional<Principal> caller = member.authenticate(request);
      if (caller.isPresent()) {
        return caller;
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> challenges() {
    return challenges;
  }
}
