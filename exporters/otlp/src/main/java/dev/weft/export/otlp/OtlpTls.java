package dev.weft.export.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS setup named by {@code OTEL_EXPORTER_OTLP_CERTIFICATE} (PEM certificates to trust instead
 * of the JVM's) and {@code OTEL_EXPORTER_OTLP_CLIENT_KEY} with {@code
 * OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE} (a PKCS#8 PEM key and its PEM certificate chain, for
 * servers that ask for a client certificate). One {@link SSLContext} serves all three protocols, so
 * the files are read and checked once, when the exporter starts.
 *
 * @param sslContext the context connections are made with
 * @param trustManager the trust manager inside it, which the SDK's senders also want on its own
 */
record OtlpTls(SSLContext sslContext, X509TrustManager trustManager) {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----");

  /** Algorithms a PKCS#8 key may be for, tried in turn since the PEM does not say which. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  /**
   * Returns the TLS setup of the given files.
   *
   * @param trusted the certificates to trust, or null for the JVM's trusted certificates
   * @param clientKey the client's private key, or null for no client certificate
   * @param clientCertificate the client's certificate chain; set exactly when {@code clientKey} is
   * @throws IOException when a file cannot be read
   * @throws GeneralSecurityException when a file holds no certificate or key of a known kind
   */
  static OtlpTls fromFiles(Path trusted, Path clientKey, Path clientCertificate)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted == null ? null : trustStore(certificates(trusted)));
    X509TrustManager trustManager = null;
    for (TrustManager candidate : trust.getTrustManagers()) {
      if (candidate instanceof X509TrustManager x509) {
        trustManager = x509;
      }
    }
    if (trustManager == null) {
      throw new GeneralSecurityException("no X.509 trust manager available");
    }
    KeyManager[] keyManagers = null;
    if (clientKey != null) {
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      char[] password = new char[0];
      keys.setKeyEntry("client", privateKey(clientKey), password, certificates(clientCertificate));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      keyManagers = factory.getKeyManagers();
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, new TrustManager[] {trustManager}, null);
    return new OtlpTls(context, trustManager);
  }

  /** Reads every certificate of a PEM file; a file with none is an error. */
  static Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
    byte[] pem = Files.readAllBytes(file);
    Certificate[] certificates =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem))
            .toArray(new Certificate[0]);
    if (certificates.length == 0) {
      throw new GeneralSecurityException("no certificate in " + file);
    }
    return certificates;
  }

  /** Reads an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of any algorithm. */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher pem = PRIVATE_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!pem.find()) {
      throw new GeneralSecurityException("no PKCS#8 private key (BEGIN PRIVATE KEY) in " + file);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.group(1).trim());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the private key in " + file + " is not base64", e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not a key of this algorithm; try the next
      }
    }
    throw new GeneralSecurityException(
        "the private key in " + file + " is none of " + String.join(", ", KEY_ALGORITHMS));
  }

  private static KeyStore trustStore(Certificate[] certificates)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certificates.length; i++) {
      store.setCertificateEntry("trusted-" + i, certificates[i]);
    }
    return store;
  }
}
