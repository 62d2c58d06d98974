package dev.weft.export.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made at run time with the JDK's {@code keytool}, in the files the
 * {@code OTEL_EXPORTER_OTLP_*} TLS variables name: the certificate and the PKCS#8 private key as
 * PEM, next to the PKCS#12 key store a test server uses.
 *
 * @param keyStore the PKCS#12 store with the key and certificate, password {@link #PASSWORD}
 * @param certificate the certificate, PEM
 * @param privateKey the private key, PKCS#8 PEM
 */
record TestCertificates(Path keyStore, Path certificate, Path privateKey) {
  static final String PASSWORD = "changeit";

  /** Makes a key pair and a certificate for {@code commonName}, valid for 127.0.0.1. */
  static TestCertificates create(Path dir, String commonName) throws Exception {
    Path store = dir.resolve(commonName + ".p12");
    Path certificate = dir.resolve(commonName + ".pem");
    keytool(
        "-genkeypair",
        "-alias",
        commonName,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + commonName,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        commonName,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    PrivateKey key = (PrivateKey) load(store).getKey(commonName, PASSWORD.toCharArray());
    Path privateKey = dir.resolve(commonName + "-key.pem");
    Files.writeString(
        privateKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);
    return new TestCertificates(store, certificate, privateKey);
  }

  /**
   * Returns a server's TLS context presenting this certificate and trusting {@code clients} (none
   * for a server that asks for no client certificate).
   */
  SSLContext serverContext(TestCertificates... clients) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keyStore), PASSWORD.toCharArray());
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (TestCertificates client : clients) {
      trusted.setCertificateEntry(
          client.certificate().getFileName().toString(),
          OtlpTls.certificates(client.certificate())[0]);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    return keyStore;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
