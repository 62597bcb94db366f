//! Optional TLS termination in the binary (rustls, ring provider) for deployments without a
//! proxy. Certificate and key are PEM files named by `tls_cert` / `tls_key`.

use std::path::Path;

pub use axum_server::tls_rustls::RustlsConfig;

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("tls_cert {cert} / tls_key {key}: {reason}")]
    Load {
        cert: String,
        key: String,
        reason: String,
    },
}

/// Reads and checks the PEM pair at start-up, so a bad file stops the server with a clear message.
pub async fn load(cert: &Path, key: &Path) -> Result<RustlsConfig, TlsError> {
    // Only the first call installs the provider; later calls find it installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let fail = |reason: String| TlsError::Load {
        cert: cert.display().to_string(),
        key: key.display().to_string(),
        reason,
    };
    for (field, path) in [("tls_cert", cert), ("tls_key", key)] {
        if !path.is_file() {
            return Err(fail(format!("{field}: file not found: {}", path.display())));
        }
    }
    RustlsConfig::from_pem_file(cert, key)
        .await
        .map_err(|e| fail(e.to_string()))
}
