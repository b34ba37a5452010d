//! How the build uses the C allocator's memory: one arena a core, and what
//! a finished stage freed given back to the system.

/// Returns the memory that a finished stage freed to the system. glibc
/// keeps freed memory for reuse, and a single small allocation still in use
/// at the top of its heap keeps everything below it resident: after the
/// governance pages of 10,000 documents that was 160 MB that the next stage
/// (the search index, whose memory is its own) could not use.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// glibc gives threads up to eight memory arenas a core, and memory freed
/// in one arena serves only the threads that use it: a build's stages run
/// on different threads (rayon's, tantivy's), so each kept its own spare
/// memory, about 70 MB of the peak of a 10,000-document build. One arena a
/// core did not make the build slower. `MALLOC_ARENA_MAX`, when set, still
/// decides.
pub fn one_arena_a_core() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let arenas = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: called first thing in `main` (its only caller), before any
        // other thread exists or allocates.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, arenas) };
    }
}

/// Drops `value` on a thread of its own. A loaded library is millions of
/// allocations: freeing one of 10,000 documents took 0.2 s after the build's
/// output was in place, before its summary could be printed. A process that
/// exits next does not wait for the thread; a long-running one (`serve`)
/// frees the memory all the same.
pub fn drop_aside<T: Send + 'static>(value: T) {
    // If no thread can be made, the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}
