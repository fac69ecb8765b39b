//! RSA keys as the gateways hand them out, and SHA256withRSA ("RSA2") signatures in base64,
//! which both Alipay and WeChat Pay v3 use. Keys come as PEM (PKCS#8, PKCS#1, SPKI, or an X.509
//! certificate) or, as Alipay's key tool writes them, bare base64 DER without PEM lines.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("not an RSA private key (PKCS#8 or PKCS#1, PEM or base64)")]
    PrivateKey,
    #[error("not an RSA public key (SPKI or PKCS#1, PEM or base64)")]
    PublicKey,
    #[error("not an X.509 certificate with an RSA key: {0}")]
    Certificate(String),
    #[error("cannot read {path}: {error}")]
    File { path: String, error: std::io::Error },
}

pub fn read_file(path: &str) -> Result<String, KeyError> {
    std::fs::read_to_string(path).map_err(|error| KeyError::File {
        path: path.to_string(),
        error,
    })
}

/// A merchant's private key from PEM or bare base64 DER.
pub fn private_key(text: &str) -> Result<RsaPrivateKey, KeyError> {
    let text = text.trim();
    if text.starts_with("-----") {
        return RsaPrivateKey::from_pkcs8_pem(text)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(text))
            .map_err(|_| KeyError::PrivateKey);
    }
    let der = bare_base64(text).ok_or(KeyError::PrivateKey)?;
    RsaPrivateKey::from_pkcs8_der(&der)
        .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
        .map_err(|_| KeyError::PrivateKey)
}

/// A gateway's public key from PEM or bare base64 DER.
pub fn public_key(text: &str) -> Result<RsaPublicKey, KeyError> {
    let text = text.trim();
    if text.starts_with("-----") {
        return RsaPublicKey::from_public_key_pem(text)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(text))
            .map_err(|_| KeyError::PublicKey);
    }
    let der = bare_base64(text).ok_or(KeyError::PublicKey)?;
    RsaPublicKey::from_public_key_der(&der)
        .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
        .map_err(|_| KeyError::PublicKey)
}

/// A certificate's serial number (upper-case hex, as WeChat Pay writes it in `Wechatpay-Serial`)
/// and its RSA public key.
pub fn certificate(pem: &str) -> Result<(String, RsaPublicKey), KeyError> {
    use x509_cert::der::{DecodePem, Encode};
    let certificate = x509_cert::Certificate::from_pem(pem.trim())
        .map_err(|e| KeyError::Certificate(e.to_string()))?;
    let serial = hex::encode_upper(certificate.tbs_certificate.serial_number.as_bytes());
    let spki = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| KeyError::Certificate(e.to_string()))?;
    let key = RsaPublicKey::from_public_key_der(&spki)
        .map_err(|e| KeyError::Certificate(e.to_string()))?;
    Ok((serial, key))
}

fn bare_base64(text: &str) -> Option<Vec<u8>> {
    let joined: String = text.split_whitespace().collect();
    BASE64.decode(joined).ok()
}

/// SHA256withRSA (PKCS#1 v1.5) of `message`, base64: Alipay's `RSA2` and WeChat Pay's
/// `WECHATPAY2-SHA256-RSA2048`.
pub fn sign(key: &RsaPrivateKey, message: &[u8]) -> String {
    let signer = SigningKey::<Sha256>::new(key.clone());
    BASE64.encode(signer.sign(message).to_bytes())
}

/// Whether `signature` (base64) is `key`'s SHA256withRSA signature of `message`.
pub fn verify(key: &RsaPublicKey, message: &[u8], signature: &str) -> bool {
    let Ok(bytes) = BASE64.decode(signature.trim()) else {
        return false;
    };
    let Ok(signature) = Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key.clone())
        .verify(message, &signature)
        .is_ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};

    /// One 2048-bit key per test process (generation takes a moment).
    pub(crate) fn test_key() -> &'static RsaPrivateKey {
        static KEY: std::sync::OnceLock<RsaPrivateKey> = std::sync::OnceLock::new();
        KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap())
    }

    #[test]
    fn keys_load_from_pem_and_bare_base64_and_signatures_verify() {
        let key = test_key();
        let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        let bare: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let public_pem = key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        let public_bare: String = public_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        for text in [pem.as_str(), bare.as_str()] {
            let loaded = private_key(text).unwrap();
            let signature = sign(&loaded, "a=1&b=2".as_bytes());
            for public in [public_pem.as_str(), public_bare.as_str()] {
                let public = public_key(public).unwrap();
                assert!(verify(&public, b"a=1&b=2", &signature));
                assert!(!verify(&public, b"a=1&b=3", &signature));
                assert!(!verify(&public, b"a=1&b=2", "bm90IGEgc2lnbmF0dXJl"));
            }
        }
        assert!(private_key("not a key").is_err());
        assert!(public_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----").is_err());
    }
}
