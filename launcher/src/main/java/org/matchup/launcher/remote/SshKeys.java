package org.matchup.launcher.remote;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The key pair of one launch: ECDSA on NIST P-256 ({@code ecdsa-sha2-nistp256}, RFC 5656), made by the JDK so
 * that no extra provider is needed, held only in memory and given to the pod as its {@code PUBLIC_KEY}. Stateless.
 */
public final class SshKeys {

    private SshKeys() {
    }

    /** @return a new key pair */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an EC P-256 key pair", e);
        }
    }

    /**
     * @param keys a key pair
     * @return its public key as one line of {@code authorized_keys}, such as {@code ecdsa-sha2-nistp256 AAAA...}
     */
    public static String authorizedKey(KeyPair keys) {
        return PublicKeyEntry.toString(keys.getPublic()) + " matchup-launch";
    }
}
