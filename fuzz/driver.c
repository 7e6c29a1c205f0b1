/* A plain main() for any libFuzzer-style harness (fuzz/fuzz_*.c): replays
 * files without a fuzzing engine, for `make check-fuzz-corpus`, for
 * reproducing a crash under a debugger, and for coverage.
 *
 *   driver [-q] [--no-fork] FILE-OR-DIR...
 *
 * Each file runs in its own child process, so one crash or divergence
 * (abort) is counted and the rest still run; --no-fork runs them in this
 * process (for gdb). Prints one line per failing file and ends with
 * "N passed, N failed"; exits 1 if anything failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int no_fork, quiet;
static unsigned passed, failed;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, got;
    if (f == NULL) {
        perror(path);
        return 1;
    }
    do {
        if (len == cap) {
            uint8_t *nb;
            cap = cap ? 2 * cap : 4096;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return 1;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    /* Copy to an exact-size buffer so ASan sees reads past the end. */
    {
        uint8_t *exact = malloc(len ? len : 1);
        if (exact == NULL) {
            free(buf);
            return 1;
        }
        if (len)
            memcpy(exact, buf, len);
        free(buf);
        (void)LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    return 0;
}

static void one(const char *path)
{
    int ok;
    if (no_fork) {
        ok = run_file(path) == 0;
    } else {
        pid_t pid;
        int status = 0;
        fflush(stdout);
        fflush(stderr);
        pid = fork();
        if (pid < 0) {
            perror("fork");
            exit(2);
        }
        if (pid == 0)
            _exit(run_file(path));
        if (waitpid(pid, &status, 0) < 0) {
            perror("waitpid");
            exit(2);
        }
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (ok) {
        passed++;
        if (!quiet)
            printf("ok   %s\n", path);
    } else {
        failed++;
        printf("FAIL %s\n", path);
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    if (stat(path, &st) != 0) {
        perror(path);
        failed++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        one(path);
        return;
    }
    d = opendir(path);
    if (d == NULL) {
        perror(path);
        failed++;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len;
        char *full;
        if (e->d_name[0] == '.')
            continue;
        len = strlen(path) + strlen(e->d_name) + 2;
        full = malloc(len);
        if (full == NULL)
            break;
        snprintf(full, len, "%s/%s", path, e->d_name);
        if (n == cap) {
            char **nn;
            cap = cap ? 2 * cap : 64;
            nn = realloc(names, cap * sizeof *names);
            if (nn == NULL) {
                free(full);
                break;
            }
            names = nn;
        }
        names[n++] = full;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name); /* same order on every run */
    for (i = 0; i < n; i++) {
        walk(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    int i, files = 0;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--no-fork")) {
            no_fork = 1;
        } else if (!strcmp(argv[i], "-q")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: %s [-q] [--no-fork] FILE-OR-DIR...\n", argv[0]);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            /* libFuzzer-style flags (-runs=, -max_len=): ignored */
        } else {
            files++;
            walk(argv[i]);
        }
    }
    if (files == 0) {
        fprintf(stderr, "usage: %s [-q] [--no-fork] FILE-OR-DIR...\n", argv[0]);
        return 2;
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
