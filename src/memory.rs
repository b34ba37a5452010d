//! How the build uses memory: the allocator (mimalloc, `main.rs`), its
//! pages, and what a finished stage freed given back to the system.

/// Returns the memory that a finished stage freed to the system, so that
/// the next stage's peak does not stand on it. (Where the program is not
/// the caller, as in the library's tests, mimalloc holds nothing to free.)
pub fn give_back() {
    // SAFETY: mi_collect only frees memory the allocator holds unused.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// No transparent huge pages for this process (or the typst it runs): the
/// allocator's memory is touched a few pages at a time, and 2 MiB pages
/// put 60 to 100 MB more on the peak of a 10,000-document build.
pub fn small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
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
